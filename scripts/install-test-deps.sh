#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, idempotently: the real OpenStack
# CLI (python3-openstackclient + python3-ironicclient) for the acceptance tests, the simulated BMCs'
# tools, and the runtime dependencies (scripts/install-runtime-deps.sh: xorriso, isolinux, GRUB EFI...).
set -euo pipefail
# What the service runs with (the virtual media ISO tools), which its tests use too.
"$(dirname "$0")/install-runtime-deps.sh"
need=()
[ -x /usr/bin/openstack ] || need+=(python3-openstackclient)
/usr/bin/python3 -c 'import ironicclient' 2>/dev/null || need+=(python3-ironicclient)
# ipmi driver tests: ipmitool against OpenIPMI's ipmi_sim (sdrcomp compiles its sensors; start.sh checks ports with ss)
command -v ipmitool >/dev/null || need+=(ipmitool)
{ command -v ipmi_sim && command -v sdrcomp; } >/dev/null || need+=(openipmi)
command -v ss >/dev/null || need+=(iproute2)
# the ipmitool-socat console
command -v socat >/dev/null || need+=(socat)
# pxe boot tests: GRUB checks the syntax of the configuration written for UEFI nodes
command -v grub-script-check >/dev/null || need+=(grub-common)
# The plugin kit test (PluginKitTests) needs nothing more: scripts/pack-kit.sh and `dotnet new` come with the
# SDK, its template goes into a private hive, and its plugin restores the contract from a temp feed and
# Microsoft.Extensions.Logging.Abstractions from the configured sources (cached by the repository's own restore).
# redfish tests: DMTF's redfishtool checks the Redfish BMC emulator
command -v redfishtool >/dev/null || need+=(redfishtool)
# config drive tests: xorriso (libisofs) reads the ISO images the conductor builds, as an independent reader
command -v xorriso >/dev/null || need+=(xorriso)
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing test dependencies: ${need[*]}"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi

# agent deploy tests: the real ironic-python-agent 13 in a Debian sid root under /tmp, fenced by
# ../shared/agent/run-ipa.sh (setup-ipa.sh is idempotent: a few minutes the first time, seconds after)
agent_kit="$(cd "$(dirname "$0")/.." && pwd)/../shared/agent"
if [ -x /tmp/ipa-sid-root/usr/bin/ironic-python-agent ] && [ -f /tmp/ipa-sid-root/.ironic-hwm-ok ]; then
    :
elif [ -f "$agent_kit/setup-ipa.sh" ]; then
    echo "Setting up the real ironic-python-agent (../shared/agent/setup-ipa.sh)"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO bash "$agent_kit/setup-ipa.sh" && $SUDO touch /tmp/ipa-sid-root/.ironic-hwm-ok
else
    echo "install-test-deps: $agent_kit/setup-ipa.sh not found; the agent deploy tests will fail" >&2
fi
