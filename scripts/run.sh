#!/usr/bin/env bash
# Builds and starts `ironic all` (API + conductor, embedded SQLite) on http://127.0.0.1:6385 with
# the ipmi, redfish, fake-hardware and manual-management hardware types enabled (pxe/ipxe boot,
# ramdisk deploy). Extra arguments go to `ironic all`, e.g. scripts/run.sh --config-file /etc/ironic/ironic.conf;
# a configuration or IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES that names hardware types wins.
set -euo pipefail
cd "$(dirname "$0")/.."
# The tools the virtual media boot interface builds ISOs with (apt-get; only a warning when it cannot install).
scripts/install-runtime-deps.sh --best-effort
# ReadyToRun: precompiled code roughly halves the time to first answer.
dotnet publish src/Ironic -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o artifacts/ironic --nologo -v quiet
has_types() { for f in "$@"; do [ -f "$f" ] && grep -Eq '^\s*enabled_hardware_types\s*=' "$f" && return 0; done; return 1; }
if [ -z "${IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES:-}" ] && ! has_types "$@"; then
    export IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES=ipmi,redfish,fake-hardware,manual-management
fi
exec artifacts/ironic/ironic all "$@"
