#!/usr/bin/env bash
# Measures `ironic all` from launch to the first answered GET /, and its resident memory at idle
# (3 s after that answer), on a fresh SQLite database. Usage: scripts/measure-startup.sh [RUNS] [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}; PORT=${2:-6399}
dotnet publish src/Ironic -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o artifacts/ironic --nologo -v quiet
for _ in $(seq 1 "$RUNS"); do
    STATE=$(mktemp -d)
    start=$(date +%s%N)
    IRONIC_STATE_PATH=$STATE IRONIC_API__PORT=$PORT artifacts/ironic/ironic all >/dev/null 2>&1 &
    PID=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$PORT/"; do
        kill -0 "$PID" 2>/dev/null || { echo "ironic exited early" >&2; exit 1; }
        sleep 0.01
    done
    end=$(date +%s%N)
    sleep 3
    echo "launch_to_first_answer_ms=$(( (end - start) / 1000000 )) idle_rss_kb=$(awk '/VmRSS/{print $2}' "/proc/$PID/status")"
    kill "$PID"; wait "$PID" 2>/dev/null || true
    rm -rf "$STATE"
done
