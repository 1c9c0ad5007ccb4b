# shellcheck shell=bash
# Shared helpers for the scripts that start test servers (scripts/servers/*)
# and for scripts/test. Source it; it defines functions and changes no state.
#
# Conventions: stdout belongs to the caller's own output (a server script
# prints exactly one JSON line there), so every helper logs to stderr only.

HARNESS_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck disable=SC2034 # used by the scripts that source this file
HARNESS_ROOT="$(cd "$HARNESS_LIB/../.." && pwd)"
: "${HARNESS_NAME:=$(basename "$0")}"

log() { printf '[%s] %s\n' "$HARNESS_NAME" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Microseconds since the epoch, without forking (bash >= 5).
now_us() { local t=${EPOCHREALTIME/[.,]/}; echo "$((10#$t))"; }

# package_list FILE: the package names in FILE (e.g. $HARNESS_LIB/packages.txt),
# without comments and blank lines.
package_list() {
  sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$1"
}

# ensure_packages PKG...: install with apt only the packages that are missing.
# Waits for the dpkg lock instead of failing when another apt runs.
ensure_packages() {
  local missing=() p installed
  [ $# -gt 0 ] || return 0
  installed=" $(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "$@" 2>/dev/null \
    | awk '$2 == "ii" { printf "%s ", $1 }') "
  for p in "$@"; do
    [[ "$installed" == *" $p "* ]] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "missing packages (${missing[*]}) and no apt-get to install them"
  local sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "missing packages (${missing[*]}); run as root or install sudo"
    sudo=(sudo)
  fi
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900)
  log "installing: ${missing[*]}"
  # A fresh machine (or container) has no package lists yet.
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -type f -name '*Packages*' -print -quit 2>/dev/null)" ]; then
    "${apt[@]}" update >&2 || die "apt-get update failed"
  fi
  if ! "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >&2; then
    # stale lists give 404s: refresh once and retry
    log "install failed; refreshing package lists and retrying"
    "${apt[@]}" update >&2 || die "apt-get update failed"
    "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >&2 || die "could not install: ${missing[*]}"
  fi
}

# The system Python (from packages.txt), started isolated: a version-manager
# shim earlier in PATH can cost 200 ms a call.
py() {
  local python=/usr/bin/python3
  [ -x "$python" ] || python=python3
  "$python" -I -S "$@"
}

# free_port [N]: print N (default 1) distinct ports that are free on
# 127.0.0.1 for both UDP and TCP.
# "Free" as a server sees it: TCP is tried with SO_REUSEADDR, like Kamailio
# binds, so a closed connection lingering in TIME-WAIT does not count.
# Picked at random below the kernel's ephemeral range, so it does not collide
# with outgoing connections and two parallel callers rarely pick the same one
# (callers still retry if the server then fails to bind).
free_port() {
  py - "${1:-1}" <<'PY'
import random, socket, sys
wanted = int(sys.argv[1])
lo = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
hi = max(lo, 12000)
found = []
for _ in range(500):
    port = random.randrange(10000, hi)
    if port in found:
        continue
    socks = []
    try:
        for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
            s = socket.socket(socket.AF_INET, kind)
            socks.append(s)
            if kind == socket.SOCK_STREAM:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        for s in socks:
            s.close()
    found.append(port)
    if len(found) == wanted:
        print("\n".join(map(str, found)))
        break
else:
    raise SystemExit("no free port found")
PY
}

# port_is_free PORT: true if PORT is free on 127.0.0.1 for UDP and TCP (in
# the sense of free_port).
port_is_free() {
  py - "$1" <<'PY'
import socket, sys
for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
    s = socket.socket(socket.AF_INET, kind)
    if kind == socket.SOCK_STREAM:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", int(sys.argv[1])))
    except OSError:
        sys.exit(1)
    finally:
        s.close()
PY
}

# tcp_listening PORT / udp_bound PORT: a socket on any local address has
# PORT (read from /proc, so cheap enough to poll).
tcp_listening() {
  awk -v port="$(printf ':%04X' "$1")" 'substr($2, length($2) - 4) == port && $4 == "0A" { found = 1 }
    END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
udp_bound() {
  awk -v port="$(printf ':%04X' "$1")" 'substr($2, length($2) - 4) == port { found = 1 }
    END { exit !found }' /proc/net/udp /proc/net/udp6 2>/dev/null
}

# json_string TEXT: TEXT as a JSON string literal.
json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\t'/\\t}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  printf '"%s"' "$s"
}

# wait_until SECONDS INTERVAL COMMAND...: run COMMAND every INTERVAL seconds
# until it succeeds (return 0) or SECONDS have passed (return 1).
wait_until() {
  local limit_us interval=$2 deadline
  limit_us=$(awk -v s="$1" 'BEGIN { printf "%d", s * 1000000 }')
  deadline=$(( $(now_us) + limit_us ))
  shift 2
  while true; do
    "$@" && return 0
    [ "$(now_us)" -lt "$deadline" ] || return 1
    sleep "$interval"
  done
}

# proc_stat PID: the fields of /proc/PID/stat after "(comm)" into the array
# STAT (STAT[0] is the state, STAT[19] the start time). Builtins only: the
# supervisor polls this several times a second.
proc_stat() {
  local line
  STAT=()
  [ -n "${1:-}" ] && read -r line 2>/dev/null < "/proc/$1/stat" || return 1
  read -r -a STAT <<< "${line##*) }"
}

# process_alive PID: true if PID runs. A zombie counts as dead: it holds no
# ports, and on machines whose init does not reap orphans it never goes away.
process_alive() {
  proc_stat "${1:-}" && [ "${STAT[0]}" != Z ] && [ "${STAT[0]}" != X ]
}

# process_start_time PID: the kernel's start time of PID, used to notice
# that a PID was reused by an unrelated process.
process_start_time() {
  proc_stat "$1" && echo "${STAT[19]}"
}

# group_alive PGID: true while a process (not a zombie) of group PGID runs.
group_alive() {
  awk -v g="$1" '{ sub(/^.*\) /, ""); if ($3 == g && $1 != "Z" && $1 != "X") { found = 1; exit } }
    END { exit !found }' /proc/[0-9]*/stat 2>/dev/null
}

# stop_pid PID [SECONDS]: SIGTERM, wait up to SECONDS (default 5), then
# SIGKILL. If PID leads a process group, whatever is left of the group is
# killed too. Returns 0 also when PID was not running.
stop_pid() {
  local pid=$1 secs=${2:-5}
  [ -n "$pid" ] || return 0
  if process_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_until "$secs" 0.05 eval "! process_alive $pid"; then
      log "pid $pid ignored SIGTERM for ${secs}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  kill -KILL -- "-$pid" 2>/dev/null || true
  return 0
}

# close_inherited_fds: close every descriptor above 2 in the current shell
# (use it in a subshell right before starting a long-lived process). A
# caller's pipes must not live on in a server: the caller would never see
# end-of-file, and Foundation's Process waits for its own socket to close.
close_inherited_fds() {
  local fd
  for fd in "/proc/$BASHPID/fd"/*; do
    fd=${fd##*/}
    # 255 is where bash reads the script from; it is close-on-exec anyway
    if [ "$fd" -gt 2 ] && [ "$fd" != 255 ]; then
      eval "exec $fd>&-" 2>/dev/null || true
    fi
  done
}

# start_supervised STATE_DIR NAME OWNER_PID LOG COMMAND...
# Start COMMAND (a server in foreground mode) under a detached supervisor
# (scripts/lib/supervise) in a session of its own, stdin from /dev/null,
# output to LOG. The supervisor writes STATE_DIR/NAME.pid (the server) and
# STATE_DIR/NAME.supervisor.pid. OWNER_PID may be empty. Prints the server PID.
start_supervised() {
  local dir=$1 name=$2 owner=$3 logfile=$4
  shift 4
  rm -f "$dir/$name.pid" "$dir/$name.supervisor.pid"
  (
    close_inherited_fds
    exec setsid "$HARNESS_LIB/supervise" --dir "$dir" --name "$name" --owner-pid "$owner" \
      --log "$logfile" -- "$@" </dev/null >/dev/null 2>>"$dir/$name.supervisor.log"
  ) &
  if ! wait_until 5 0.02 test -s "$dir/$name.pid"; then
    log "the supervisor did not start $name:"
    tail -n 20 "$dir/$name.supervisor.log" >&2
    stop_supervised "$dir" "$name"
    return 1
  fi
  cat "$dir/$name.pid"
}

# stop_supervised STATE_DIR NAME: stop what start_supervised started and wait
# until the server PID is gone. Safe to call when nothing runs.
stop_supervised() {
  local dir=$1 name=$2 sup="" pid=""
  [ -s "$dir/$name.supervisor.pid" ] && sup=$(cat "$dir/$name.supervisor.pid")
  [ -s "$dir/$name.pid" ] && pid=$(cat "$dir/$name.pid")
  if [ -n "$sup" ] && process_alive "$sup"; then
    # the supervisor stops its server (TERM, later KILL) and reaps it
    kill -TERM "$sup" 2>/dev/null || true
    wait_until 10 0.05 eval "! process_alive $sup" || stop_pid "$sup" 1
  fi
  # If the server outlived its supervisor, stop it directly, but only while
  # the PID still names the same program (PIDs get reused).
  if [ -n "$pid" ] && process_alive "$pid" && grep -qa -- "$name" "/proc/$pid/cmdline" 2>/dev/null; then
    stop_pid "$pid"
  fi
  if [ -n "$pid" ] && ! wait_until 5 0.05 eval "! process_alive $pid"; then
    log "$name (pid $pid) is still running"
    return 1
  fi
  rm -f "$dir/$name.pid" "$dir/$name.supervisor.pid"
}
