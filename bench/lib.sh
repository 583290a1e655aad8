# Shared by bench/compare.sh and bench/smoke.sh: free ports, waiting for a first answer, starting
# and stopping our `ironic all` by PID. Source it; it defines functions only.

PY=/usr/bin/python3   # Debian's python: has what the reference Ironic needs (a pyenv python3 may not)

# A TCP port nobody listens on now.
free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

now_ns() { date +%s%N; }

# wait_ready PID PORT T0_NS: polls GET / every 10 ms until it answers 200; prints the ms since T0_NS.
wait_ready() {
    local pid=$1 port=$2 t0=$3 deadline=$(($(date +%s) + ${READY_TIMEOUT:-120}))
    until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; do
        kill -0 "$pid" 2>/dev/null || { echo "server pid $pid exited before answering on port $port" >&2; return 1; }
        [ "$(date +%s)" -lt "$deadline" ] || { echo "server pid $pid did not answer on port $port in ${READY_TIMEOUT:-120} s" >&2; return 1; }
        sleep 0.01
    done
    echo $((($(now_ns) - t0) / 1000000))
}

# The highest microversion the server on PORT serves (GET /).
max_version() {
    curl -fs "http://127.0.0.1:$1/" | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["default_version"]["version"])'
}

# start_ours BINARY PORT STATE_DIR: starts `ironic all` on a fresh state dir; sets OURS_PID and
# OURS_STARTUP_MS (launch to first answer, schema creation on the empty database included).
# Configuration is by IRONIC_<SECTION>__<OPTION> variables only; none may leak in from the caller.
# A caller may add (or override) some in the array OURS_EXTRA_ENV, as NAME=value words.
start_ours() {
    local binary=$1 port=$2 state=$3 t0
    local -a clean_env=()
    while IFS= read -r name; do clean_env+=(-u "$name"); done < <(compgen -e | grep '^IRONIC_' || true)
    t0=$(now_ns)
    env "${clean_env[@]}" \
        IRONIC_DEFAULT__STATE_PATH="$state" \
        IRONIC_DEFAULT__HOST="bench-ours" \
        IRONIC_API__HOST_IP=127.0.0.1 \
        IRONIC_API__PORT="$port" \
        IRONIC_CONDUCTOR__AUTOMATED_CLEAN=true \
        IRONIC_CONDUCTOR__SYNC_POWER_STATE_INTERVAL=60 \
        ${OURS_EXTRA_ENV[@]+"${OURS_EXTRA_ENV[@]}"} \
        "$binary" all >"$state/server.log" 2>&1 </dev/null &
    OURS_PID=$!
    OURS_STARTUP_MS=$(wait_ready "$OURS_PID" "$port" "$t0") || { tail -20 "$state/server.log" >&2; return 1; }
}

# stop_pid PID: TERM, then KILL after 10 s; only the process we started.
stop_pid() {
    local pid=$1
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
}
