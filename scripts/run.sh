#!/usr/bin/env bash
# Builds and starts `ironic all` (API + conductor, embedded SQLite, fake-hardware and
# manual-management enabled) on http://127.0.0.1:6385. Extra arguments go to `ironic all`,
# e.g. scripts/run.sh --config-file /etc/ironic/ironic.conf
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet publish src/Ironic -c Release -o artifacts/ironic --nologo -v quiet
exec artifacts/ironic/ironic all "$@"
