#!/usr/bin/env bash
# CI smoke of the load generator, so the tool keeps working: every scenario at N=20, C=4 against
# our `ironic all` only (fresh temp state, free port). Fails on any error or a missing result row.
#   bench/smoke.sh            SMOKE_NODES / SMOKE_CONCURRENCY override N and C
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

N=${SMOKE_NODES:-20}
C=${SMOKE_CONCURRENCY:-4}
started=$(date +%s)

# Incremental: after `dotnet test Ironic.slnx -c Release` the server is already built.
dotnet build src/Ironic -c Release --nologo -v quiet
dotnet build bench/Ironic.Bench -c Release --nologo -v quiet

STATE=$(mktemp -d /tmp/ironic-bench-smoke.XXXXXX)
OURS_PID=""
trap '[ -n "$OURS_PID" ] && stop_pid "$OURS_PID"; rm -rf "$STATE"' EXIT
PORT=$(free_port)
READY_TIMEOUT=30 start_ours src/Ironic/bin/Release/net10.0/ironic "$PORT" "$STATE"

status=0
bench/Ironic.Bench/bin/Release/net10.0/ironic-bench run --endpoint "http://127.0.0.1:$PORT" --label smoke \
    --nodes "$N" --concurrency "$C" --pid "$OURS_PID" --idle-seconds 0.5 --startup-ms "$OURS_STARTUP_MS" \
    --wait-timeout 60 --json "$STATE/smoke.json" || status=$?

# Independent of the tool's own exit code: every row present, no errors anywhere.
"$PY" - "$STATE/smoke.json" <<'PY' || status=1
import json, sys
report = json.load(open(sys.argv[1]))
expected = ["create", "list-detail", "list-fields", "get-by-name", "patch", "power-on", "power-off",
            "lifecycle", "lifecycle/manage", "lifecycle/provide", "lifecycle/deploy", "lifecycle/undeploy",
            "port-create", "port-list", "delete"]
rows = {s["name"]: s for s in report["scenarios"]}
missing = [name for name in expected if name not in rows]
failed = [f'{s["name"]} ({s["errors"]} errors: {s.get("first_error")})' for s in report["scenarios"] if s["errors"]]
empty = [name for name in expected if name in rows and rows[name]["operations"] == 0]
if report.get("memory", {}).get("idle_rss_kb") is None:
    missing.append("memory.idle_rss_kb")
for what, names in (("missing", missing), ("with errors", failed), ("with no operations", empty)):
    if names:
        print(f"bench smoke: {what}: {', '.join(names)}", file=sys.stderr)
sys.exit(1 if missing or failed or empty else 0)
PY

if [ "$status" -eq 0 ]; then
    echo "bench smoke: passed (N=$N, C=$C, $(($(date +%s) - started)) s)"
else
    echo "bench smoke: FAILED (server log: see below)" >&2
    tail -30 "$STATE/server.log" >&2 || true
fi
exit $status
