#!/usr/bin/env bash
# Our `ironic all` against the reference Ironic (Debian's python3-ironic, one process, noauth,
# SQLite, fake-hardware) on this machine: the same scenarios, N and C against each, one server at
# a time so they never compete for the cores, each on a fresh SQLite database. Prints the ratio
# per scenario; everything lands in artifacts/bench/<time>/ (JSON, tables, Markdown, server logs).
#
#   bench/compare.sh [N] [C]            defaults: N=1000, C=16
#
# Environment: SIDES ("ours reference"; "ours" alone for an ours-only run), STARTUP_RUNS (3),
# IDLE_SECONDS (5), OURS_PORT and REF_IRONIC_PORT (free ports), REF_IRONIC_PIDFILE, OUT_DIR,
# BENCH_ARGS (extra arguments for `ironic-bench run`, e.g. "--scenarios create,list").
#
# Periodic tasks: both servers keep Ironic's defaults (power state sync every 60 s, provision
# state checks every 60 s, conductor heartbeat 10 s) and automated cleaning on, as the reference's
# ironic.conf has it. Servers are stopped by the PID this script started, never by name.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

N=${1:-1000}
C=${2:-16}
SIDES=${SIDES:-ours reference}
STARTUP_RUNS=${STARTUP_RUNS:-3}
IDLE_SECONDS=${IDLE_SECONDS:-5}
OUT=${OUT_DIR:-artifacts/bench/$(date +%Y%m%d-%H%M%S)-n$N-c$C}
REF_DIR=${REF_IRONIC_DIR:-$(cd .. && pwd)/shared/reference-ironic}
[ -d "$REF_DIR" ] || REF_DIR=/work/shared/reference-ironic
OURS_BIN_DIR=artifacts/bench/ironic
BENCH=bench/Ironic.Bench/bin/Release/net10.0/ironic-bench
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- set-up --------------------------------------------------------------------------------------
if [[ " $SIDES " == *" reference "* ]] && ! dpkg -s python3-ironic ipmitool >/dev/null 2>&1; then
    echo "installing python3-ironic ipmitool (the reference Ironic)" >&2
    sudo_if_needed apt-get update -qq
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-ironic ipmitool >/dev/null
fi

echo "building: our ironic (ReadyToRun, as scripts/run.sh) and the load generator" >&2
# Our own output folder: scripts/run.sh users may be running artifacts/ironic right now.
dotnet publish src/Ironic -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$OURS_BIN_DIR" --nologo -v quiet
dotnet build bench/Ironic.Bench -c Release --nologo -v quiet

OURS_PORT=${OURS_PORT:-$(free_port)}
REF_PORT=${REF_IRONIC_PORT:-$(free_port)}
REF_PIDFILE=${REF_IRONIC_PIDFILE:-/tmp/ironic-bench-ref.$$.pid}
OURS_PID=""
OURS_STATE=""

cleanup() {
    [ -n "$OURS_PID" ] && stop_pid "$OURS_PID"
    [ -n "$OURS_STATE" ] && rm -rf "$OURS_STATE"
    [ -s "$REF_PIDFILE" ] && REF_IRONIC_PIDFILE=$REF_PIDFILE "$REF_DIR/stop.sh" >/dev/null
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The reference, started as ../shared/reference-ironic/start.sh does (same ironic.conf, fresh temp
# state and database, same pidfile format so its stop.sh stops it by PID), but timed from the
# launch of the server process itself at 10 ms resolution; its schema is created by dbsync first.
start_reference() {
    local state t0
    state=$(mktemp -d /tmp/ref-ironic.XXXXXX)
    mkdir -p "$state"/{httpboot,tftpboot,lock}
    cat >"$state/state.conf" <<CONF
[DEFAULT]
state_path = $state
log_file = $state/ironic.log
[api]
port = $REF_PORT
CONF
    local -a args=(--config-file "$REF_DIR/ironic.conf" --config-file "$state/state.conf")
    "$PY" -c 'import sys; from ironic.cmd.dbsync import main; sys.exit(main())' "${args[@]}" create_schema \
        >"$state/dbsync.log" 2>&1 || { echo "reference dbsync failed, see $state/dbsync.log" >&2; return 1; }
    t0=$(now_ns)
    nohup "$PY" -c 'import sys; from ironic.cmd.singleprocess import main; sys.exit(main())' "${args[@]}" \
        >"$state/stdout.log" 2>&1 </dev/null &
    REF_PID=$!
    printf '%s\n%s\n' "$REF_PID" "$state" >"$REF_PIDFILE"
    REF_STATE=$state
    REF_STARTUP_MS=$(wait_ready "$REF_PID" "$REF_PORT" "$t0") || { tail -20 "$state/ironic.log" >&2; return 1; }
}

stop_reference() {
    REF_IRONIC_PIDFILE=$REF_PIDFILE "$REF_DIR/stop.sh" >/dev/null
    wait "$REF_PID" 2>/dev/null || true
}

# --- launch-to-first-answer samples, and each side's highest microversion ------------------------
declare -A STARTUP MAXV
for side in $SIDES; do
    samples=()
    for _ in $(seq 1 "$STARTUP_RUNS"); do
        if [ "$side" = ours ]; then
            OURS_STATE=$(mktemp -d /tmp/ironic-bench-ours.XXXXXX)
            start_ours "$OURS_BIN_DIR/ironic" "$OURS_PORT" "$OURS_STATE"
            samples+=("$OURS_STARTUP_MS"); MAXV[$side]=$(max_version "$OURS_PORT")
            stop_pid "$OURS_PID"; OURS_PID=""; rm -rf "$OURS_STATE"; OURS_STATE=""
        else
            start_reference
            samples+=("$REF_STARTUP_MS"); MAXV[$side]=$(max_version "$REF_PORT")
            stop_reference
        fi
    done
    STARTUP[$side]=$(IFS=,; echo "${samples[*]}")
    echo "$side: launch to first answer ${STARTUP[$side]} ms; serves up to ${MAXV[$side]}" >&2
done

# Both are driven at the same microversion: the highest both serve.
VERSION=$(printf '%s\n' "${MAXV[@]}" | sort -t. -k1,1n -k2,2n | head -n1)

# --- the scenarios, one server at a time, each on a fresh database ------------------------------
status=0
for side in $SIDES; do
    if [ "$side" = ours ]; then
        OURS_STATE=$(mktemp -d /tmp/ironic-bench-ours.XXXXXX)
        start_ours "$OURS_BIN_DIR/ironic" "$OURS_PORT" "$OURS_STATE"
        pid=$OURS_PID; port=$OURS_PORT
    else
        start_reference
        pid=$REF_PID; port=$REF_PORT
    fi
    # shellcheck disable=SC2086 # BENCH_ARGS is a list of words
    "$BENCH" run --endpoint "http://127.0.0.1:$port" --label "$side" --nodes "$N" --concurrency "$C" \
        --pid "$pid" --api-version "$VERSION" --idle-seconds "$IDLE_SECONDS" --startup-ms "${STARTUP[$side]}" \
        --json "$OUT/$side.json" ${BENCH_ARGS:-} | tee "$OUT/$side.txt" || status=$?
    if [ "$side" = ours ]; then
        cp "$OURS_STATE/server.log" "$OUT/ours-server.log"
        stop_pid "$OURS_PID"; OURS_PID=""; rm -rf "$OURS_STATE"; OURS_STATE=""
    else
        cp "$REF_STATE/ironic.log" "$OUT/reference-server.log" 2>/dev/null || true
        stop_reference
    fi
done

# --- the ratios ---------------------------------------------------------------------------------
{
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM; $(uname -sr)"
    echo "command: bench/compare.sh $N $C  (microversion $VERSION, startup runs $STARTUP_RUNS, idle wait $IDLE_SECONDS s)"
} | tee "$OUT/machine.txt"
if [ -f "$OUT/ours.json" ] && [ -f "$OUT/reference.json" ]; then
    "$BENCH" compare --ours "$OUT/ours.json" --reference "$OUT/reference.json" --markdown "$OUT/ratios.md" | tee "$OUT/ratios.txt"
fi
echo "results: $OUT" >&2
exit $status
