#!/usr/bin/env bash
# Many simulated agents against our `ironic all` (fresh temp state, SQLite): N direct deploys driven by
# agents, then A agents heartbeating every INTERVAL s on nodes waiting in write_image, the server's CPU
# time read over WINDOW s. Ports 18610 (API) and 18611 (agents) unless AGENTS_API_PORT/AGENTS_PORT say.
#   bench/agents.sh [N] [A]       defaults N=200 A=1000; INTERVAL (10), WINDOW (60), OUT (json file)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

N=${1:-200}
A=${2:-1000}
PORT=${AGENTS_API_PORT:-18610}
AGENT_PORT=${AGENTS_PORT:-18611}

dotnet build src/Ironic -c Release --nologo -v quiet
dotnet build bench/Ironic.Bench -c Release --nologo -v quiet

STATE=$(mktemp -d /tmp/ironic-bench-agents.XXXXXX)
OURS_PID=""
trap '[ -n "$OURS_PID" ] && stop_pid "$OURS_PID"; [ -n "${KEEP_STATE:-}" ] || rm -rf "$STATE"' EXIT
# fake-hardware with the direct deploy and fake boot (no TFTP); plain-http agents; no automated cleaning
# (cleaning would need the agent's clean steps, which this run does not measure).
OURS_EXTRA_ENV=(
    IRONIC_DEFAULT__ENABLED_HARDWARE_TYPES=fake-hardware
    IRONIC_DEFAULT__ENABLED_DEPLOY_INTERFACES=direct,fake
    IRONIC_DEFAULT__ENABLED_BOOT_INTERFACES=fake
    IRONIC_DEFAULT__ENABLED_POWER_INTERFACES=fake
    IRONIC_DEFAULT__ENABLED_MANAGEMENT_INTERFACES=fake
    IRONIC_AGENT__REQUIRE_TLS=false
    IRONIC_CONDUCTOR__AUTOMATED_CLEAN=false
)
READY_TIMEOUT=60 start_ours src/Ironic/bin/Release/net10.0/ironic "$PORT" "$STATE"
status=0
bench/Ironic.Bench/bin/Release/net10.0/ironic-bench agents --endpoint "http://127.0.0.1:$PORT" --pid "$OURS_PID" \
    --agent-port "$AGENT_PORT" --deploy-nodes "$N" --agents "$A" --interval "${INTERVAL:-10}" --window "${WINDOW:-60}" \
    ${OUT:+--json "$OUT"} ${AGENTS_ARGS:-} || status=$?
if [ "$status" -ne 0 ]; then
    echo "bench agents: FAILED (server log: see below)" >&2
    tail -30 "$STATE/server.log" >&2 || true
fi
exit $status
