#!/usr/bin/env bash
# Runs every test: unit, integration and acceptance (the real `openstack baremetal` CLI
# against a started `ironic all`). Installs what the tests need first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
dotnet test Ironic.slnx -c Release --nologo --logger "trx" --results-directory "$results" "$@" || status=$?
# The load generator's smoke against our service (N=20); a failure fails the run. It runs before the
# summary so that the summary stays the closing line.
bench/smoke.sh || { echo "bench/smoke.sh failed" >&2; [ "$status" -ne 0 ] || status=1; }
# One closing line in the form CI reads, summed over every test project.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find(".//{*}Counters")
    if c is not None:
        passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0))
        skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
