# Shared by scripts/bench-server/run and crash (sourced from the repository root).

bench_dir=.build/bench-server

# build_tools: compiles floor, load and first-chat into .build/bench-server/.
build_tools() {
    ensure_packages gcc libsqlite3-dev sqlite3
    mkdir -p "$bench_dir"
    local cflags=(-std=c11 -O2 -Wall -Wextra -Werror)
    cc "${cflags[@]}" -pthread -o "$bench_dir/floor" scripts/bench-server/floor.c -lsqlite3
    cc "${cflags[@]}" -o "$bench_dir/load" scripts/bench-server/load.c
    cc "${cflags[@]}" -o "$bench_dir/first-chat" scripts/bench-server/first-chat.c
}

# wuye_bin: the wuye executable to measure ($WUYE, else .build/release/wuye).
wuye_bin() {
    echo "${WUYE:-.build/release/wuye}"
}

# wuye_available: whether that executable exists and has a `serve` command.
wuye_available() {
    local bin
    bin=$(wuye_bin)
    [ -x "$bin" ] && "$bin" serve --help >/dev/null 2>&1
}

# server_cmd NAME SOCKET DB: sets the array `cmd` to the command line that serves NAME (floor or wuye).
# $WUYE_SERVE_ARGS adds arguments to wuye serve (for instance "--log-level warning").
server_cmd() {
    case "$1" in
    floor) cmd=("$bench_dir/floor" "$2" "$3") ;;
    wuye)
        cmd=("$(wuye_bin)" serve --socket "$2" --db "$3")
        if [ -n "${WUYE_SERVE_ARGS:-}" ]; then
            # shellcheck disable=SC2206 # split into words on purpose
            cmd+=($WUYE_SERVE_ARGS)
        fi
        ;;
    *) echo "unknown server $1" >&2; return 2 ;;
    esac
}

# summary_value FILE KEY: the value of KEY in FILE's last `summary k=v …` line, or NA.
summary_value() {
    local v
    v=$(grep '^summary ' "$1" 2>/dev/null | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p")
    echo "${v:-NA}"
}

# peak_rss_kb PID: VmHWM of a running process in kB, or NA.
peak_rss_kb() {
    local v
    v=$(awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || true)
    echo "${v:-NA}"
}

# running PID: the process exists and is not a zombie waiting to be reaped.
running() {
    local state
    state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
    [ -n "$state" ] && [ "$state" != Z ]
}

# stop_server PID: SIGTERM, SIGKILL after 10 s; sets server_rc to its exit status. Not in a subshell:
# only the shell that started the server can wait for it.
stop_server() {
    local pid=$1 i
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 200); do
        running "$pid" || break
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null || true
    server_rc=0
    wait "$pid" 2>/dev/null || server_rc=$?
}

# machine_note: cores and load average, with a warning when others are using the CPU.
machine_note() {
    local load
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    echo "machine: $(nproc) cores, load average $load"
    if awk -v l="${load%% *}" 'BEGIN { exit !(l > 0.5) }'; then
        echo "warning: the machine is busy (load average ${load%% *}): other work disturbs these figures"
    fi
}
