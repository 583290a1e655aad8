#!/usr/bin/env bash
# The plugin author kit: packs the driver contract (Ironic.Drivers) and the `dotnet new ironic-driver`
# template package (Ironic.Driver.Templates) into a local folder feed, by default
# ~/.local/share/ironic/feed (outside the work tree, so every plugin on this machine can use it).
#
#   scripts/pack-kit.sh [feed-dir] [--version-suffix SUFFIX]
#
# --version-suffix packs 0.1.0-SUFFIX instead of 0.1.0 (the acceptance test packs a unique one, as NuGet
# caches a package version once per machine). Prints the two package paths.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
feed="${XDG_DATA_HOME:-$HOME/.local/share}/ironic/feed"
suffix=()
while [ $# -gt 0 ]; do
    case "$1" in
        --version-suffix) suffix=(--version-suffix "$2"); shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) feed="$1"; shift ;;
    esac
done
mkdir -p "$feed"
feed=$(cd "$feed" && pwd)
# No compiler server or MSBuild node left running afterwards.
for project in src/Ironic.Drivers/Ironic.Drivers.csproj templates/Ironic.Driver.Templates/Ironic.Driver.Templates.csproj; do
    dotnet pack "$repo/$project" -c Release -o "$feed" "${suffix[@]}" --nologo -v quiet \
        -nodeReuse:false -p:UseSharedCompilation=false >&2
done
version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$repo/src/Ironic.Drivers/Ironic.Drivers.csproj")
[ ${#suffix[@]} -eq 0 ] || version="$version-${suffix[1]}"
echo "$feed/Ironic.Drivers.$version.nupkg"
echo "$feed/Ironic.Driver.Templates.$version.nupkg"
