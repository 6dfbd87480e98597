#!/usr/bin/env bash
# The side-by-side benchmarks of DESIGN.md "Targets to design for", in one run:
#   1. HTTP: 64 concurrent downloads of a 64 MiB file, ours vs nginx (sendfile on); and
#            4 KiB requests over 16 keep-alive connections (bench/http_load)
#   2. TFTP: ours vs tftpd-hpa vs dnsmasq, lock-step at 1 and 8 MiB, blksize 512 and 1468,
#            1, 8 and 16 machines at once (each its own namespace on a bridge); windowsize 8;
#            and a link delayed 5 ms
#   3. Proxy DHCP: PXE DISCOVERs at fixed rates, answered fraction and p99, ours vs dnsmasq
#   4. 1000 simulated machines booting at once, then 5000 powered on 10 ms apart: all
#      Joined, the distribution of time to Joined, console VmHWM, main-thread stall
#
#   bench/run-all.sh BUILD_DIR        (as root: 2 and 3 need network namespaces)
#
# Prints a table and writes it to BUILD_DIR/bench-results.md. Uses a Release build of the
# console: BUILD_DIR itself if it is one, otherwise BUILD_DIR-release, configured here.
# Traffic goes only to 127.0.0.0/8 or between namespaces this script creates; every
# process it starts is stopped by its PID and every namespace it adds is deleted on exit.
# Peers missing on the machine (nginx-light, tftpd-hpa, dnsmasq-base, atftp, curl) are
# installed with apt-get, without starting their system services.
#
# Environment knobs: BENCH_ONLY="http tftp dhcp fleet" (a subset), BENCH_FLEET_MACHINES,
# BENCH_FLEET_LARGE (5000; 0 leaves it out),
# BENCH_DHCP_RATES ("1000 3000 10000"), BENCH_DHCP_SECONDS, BENCH_HTTP_ROUNDS,
# BENCH_TFTP_SIZES ("1 8", MiB), BENCH_TFTP_BLKSIZES ("512 1468"), BENCH_TFTP_CLIENTS ("1 8 16").
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${1:-build}
BUILD_DIR=$(cd "$ROOT" && mkdir -p "$BUILD_DIR" && cd "$BUILD_DIR" && pwd)
ONLY=${BENCH_ONLY:-http tftp dhcp fleet}
FLEET_MACHINES=${BENCH_FLEET_MACHINES:-1000}
FLEET_LARGE=${BENCH_FLEET_LARGE:-5000}   # a refurb pallet or a datacentre row; 0 leaves it out
DHCP_RATES=${BENCH_DHCP_RATES:-1000 3000 10000}
DHCP_SECONDS=${BENCH_DHCP_SECONDS:-8}
HTTP_ROUNDS=${BENCH_HTTP_ROUNDS:-3}
HZ=$(getconf CLK_TCK)

log() { printf '[bench] %s\n' "$*" >&2; }
wants() { [[ " $ONLY " == *" $1 "* ]]; }

# ---------------------------------------------------------------- peers and the build

install_peers() {
  local needed=(curl python3 iproute2 nginx-light tftpd-hpa dnsmasq-base atftp)
  local missing=()
  for p in "${needed[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing the benchmark peers that are missing: ${missing[*]} (apt-get; their system services are not started)"
  if [ "$(id -u)" -ne 0 ]; then
    log "not root: cannot install them; the benchmarks that need them are skipped"
    return 1
  fi
  # A policy-rc.d that refuses keeps nginx and tftpd-hpa from starting as system
  # services on the real interfaces; only one this script put there is removed again.
  local policy=/usr/sbin/policy-rc.d created=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  local rc=$?
  [ $created -eq 1 ] && rm -f "$policy"
  return $rc
}

build_type_of() { sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$1/CMakeCache.txt" 2>/dev/null; }

prepare_build() {
  BDIR=$BUILD_DIR
  if [ "$(build_type_of "$BDIR")" != "Release" ]; then
    BDIR=${BUILD_DIR}-release
    log "$BUILD_DIR is not a Release build ($(build_type_of "$BUILD_DIR")); building the benchmarks in $BDIR"
    cmake -S "$ROOT" -B "$BDIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNBC_BUILD_GUI=OFF >/dev/null || return 1
  fi
  cmake --build "$BDIR" -j "$(nproc)" --target netboot-console bench_fleet http_load >/dev/null || return 1
  BIN=$BDIR/app/netboot-console
  BUILD_TYPE=$(build_type_of "$BDIR")
}

# ---------------------------------------------------------------- processes and cleanup

TMP=$(mktemp -d /tmp/nbc-bench.XXXXXX)
chmod 755 "$TMP"   # nginx workers, tftpd-hpa and dnsmasq drop to unprivileged users
PIDS=()
NAMESPACES=()

# Stops a process this script started, and every process left in its cgroup (they
# descend from it: tftpd-hpa's listener is a child of the process started).
stop_pid() {
  local pid=$1 cg=${CG_OF[$1]:-} others=()
  [ -n "$cg" ] && others=($(cat "$cg/tasks" 2>/dev/null))
  for p in "$pid" "${others[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || { [ -z "$cg" ] || [ -z "$(cat "$cg/tasks" 2>/dev/null)" ]; } && break
    sleep 0.1
  done
  for p in "$pid" $( [ -n "$cg" ] && cat "$cg/tasks" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
  wait "$pid" 2>/dev/null
  return 0
}

cleanup() {
  for pid in "${PIDS[@]}"; do stop_pid "$pid"; done
  for cg in "${CGROUPS[@]}"; do rmdir "$cg" 2>/dev/null; done
  for ns in "${NAMESPACES[@]}"; do ip netns del "$ns" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# Each server runs in a cpuacct cgroup of its own when the machine has one: its CPU time
# then counts every process and thread it ever had (tftpd-hpa forks per transfer, nginx
# has workers), and stopping it reaches all of them. Without one, /proc/PID/stat is read.
CG_ROOT=/sys/fs/cgroup/cpuacct
CGROUPS=()
CG_SEQ=0

# Starts "$@" in the background in a new cgroup; $LAST_PID is its PID (ip netns exec
# execs the command, so it is the server's own) and $LAST_CG its cgroup or empty.
spawn() {
  local out=$1; shift
  LAST_CG=""
  if [ -w "$CG_ROOT" ] && mkdir "$CG_ROOT/nbc-bench-$$-$((++CG_SEQ))" 2>/dev/null; then
    LAST_CG=$CG_ROOT/nbc-bench-$$-$CG_SEQ
    CGROUPS+=("$LAST_CG")
    sh -c 'echo $$ >"$0/tasks" && exec "$@"' "$LAST_CG" "$@" >"$out" 2>&1 &
  else
    "$@" >"$out" 2>&1 &
  fi
  LAST_PID=$!
  PIDS+=("$LAST_PID")
  CG_OF[$LAST_PID]=$LAST_CG
}
declare -A CG_OF

# CPU time of a server so far, in ms: from its cgroup, or else its own, its reaped
# children's and its live children's from /proc.
cpu_ms() {
  local cg=${CG_OF[$1]:-}
  if [ -n "$cg" ]; then awk '{ printf "%.1f", $1 / 1e6 }' "$cg/cpuacct.usage"; return; fi
  awk "BEGIN { printf \"%.1f\", $(cpu_ticks "$1") * 1000 / $HZ }"
}
cpu_ticks() {
  local pid=$1 total=0 fields child
  fields=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || { echo 0; return; }
  set -- $fields   # after the comm: state is $1, utime $12, stime $13, cutime $14, cstime $15
  total=$(( ${12} + ${13} + ${14} + ${15} ))
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
    fields=$(sed 's/^.*) //' "/proc/$child/stat" 2>/dev/null) || continue
    set -- $fields
    total=$(( total + ${12} + ${13} ))
  done
  echo "$total"
}

now() { date +%s.%N; }
# Arithmetic on decimals; integers print whole, the rest with two decimals.
calc() { awk "BEGIN { x = ($*); if (x == int(x)) printf \"%.0f\", x; else printf \"%.2f\", x }"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_http() {   # url, seconds
  for _ in $(seq $(( $2 * 10 ))); do
    curl -s -o /dev/null --max-time 1 -r 0-0 "$1" && return 0
    sleep 0.1
  done
  return 1
}

# ---------------------------------------------------------------- results table

RESULTS=$TMP/results.md
{
  echo "| benchmark | figure | ours | peer | ours/peer | target | met |"
  echo "|---|---|---|---|---|---|---|"
} >"$RESULTS"
NOTES=()
row() { echo "| $1 | $2 | $3 | $4 | $5 | $6 | $7 |" >>"$RESULTS"; }
note() { NOTES+=("$*"); log "$*"; }
yesno() { awk "BEGIN { exit !($*) }" && echo yes || echo NO; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# ---------------------------------------------------------------- 1. HTTP

bench_http() {
  log "HTTP: 64 concurrent downloads of a 64 MiB file, ours vs nginx, ${HTTP_ROUNDS} rounds each"
  local www=$TMP/www ws=$TMP/ws-http size=$((64 * 1024 * 1024))
  mkdir -p "$www" "$ws" "$TMP/nginx"
  head -c $size /dev/urandom >"$www/initramfs.xz"
  chmod 755 "$www"; chmod 644 "$www/initramfs.xz"

  local nport oport
  nport=$(free_port)
  cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 1024; }
http {
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    access_log off;
    client_body_temp_path $TMP/nginx/body;
    default_type application/octet-stream;
    server {
        listen 127.0.0.1:$nport;
        location /files/ { alias $www/; }
    }
}
EOF
  spawn "$TMP/nginx/stdout" nginx -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx"
  local nginx_pid=$LAST_PID

  # Ours: the real binary on a throw-away workspace bound to 127.0.0.1, free ports.
  oport=$(free_port)
  cat >"$ws/netboot.yaml" <<EOF
network:
  serverAddress: 127.0.0.1
  mode: proxy
ports: {dhcp: $(free_port), proxy: $(free_port), tftp: $(free_port), http: $oport, logs: $(free_port)}
EOF
  spawn "$TMP/ours-http.log" "$BIN" --headless --workspace "$ws" --http-root "$www"
  local ours_pid=$LAST_PID

  if ! wait_http "http://127.0.0.1:$nport/files/initramfs.xz" 10; then note "HTTP: nginx did not start: $(tail -3 "$TMP/nginx/error.log")"; return; fi
  if ! wait_http "http://127.0.0.1:$oport/files/initramfs.xz" 10; then note "HTTP: the console did not start: $(tail -3 "$TMP/ours-http.log")"; return; fi

  declare -A tput cpu
  local name pid port r t0 t1 c0 c1 got
  for r in $(seq "$HTTP_ROUNDS"); do
    for name in nginx ours; do
      if [ $name = nginx ]; then pid=$nginx_pid; port=$nport; else pid=$ours_pid; port=$oport; fi
      local curls=()
      c0=$(cpu_ms "$pid"); t0=$(now)
      # 64 machines, each from its own loopback address (the console gives one address
      # only a few connections, as a LAN of real machines would use them).
      for i in $(seq 64); do
        curl -s -o /dev/null --max-time 120 --interface "127.0.1.$i" -w '%{size_download}\n' \
          "http://127.0.0.1:$port/files/initramfs.xz" >"$TMP/curl.$i" &
        curls+=($!)
      done
      wait "${curls[@]}"
      t1=$(now); c1=$(cpu_ms "$pid")
      got=$(cat "$TMP"/curl.* | awk '{ s += $1 } END { printf "%.0f", s }')
      if [ "$got" != $((64 * size)) ]; then note "HTTP $name round $r: received $got of $((64 * size)) bytes"; fi
      tput[$name]+="$(calc "$got / 1048576 / ($t1 - $t0)") "
      cpu[$name]+="$(calc "($c1 - $c0) / 64") "
      log "  round $r $name: $(calc "$got / 1048576 / ($t1 - $t0)") MiB/s, $(calc "($c1 - $c0) / 64") ms CPU per request"
    done
  done
  # Small requests (scripts, configs, the polls of waiting machines): 16 keep-alive
  # connections, each from its own address, 4 KiB each, as fast as the server answers.
  head -c 4096 /dev/urandom >"$www/small.bin"; chmod 644 "$www/small.bin"
  declare -A srate sp99 scpu
  local line
  for r in $(seq "$HTTP_ROUNDS"); do
    for name in nginx ours; do
      if [ $name = nginx ]; then pid=$nginx_pid; port=$nport; else pid=$ours_pid; port=$oport; fi
      c0=$(cpu_ms "$pid")
      line=$("$BDIR/bench/http_load" --port "$port" --path /files/small.bin --connections 16 --seconds 5 | grep '^HTTPLOAD ')
      c1=$(cpu_ms "$pid")
      local rate p99 reqs
      rate=$(sed 's/.* rate=\([0-9.]*\).*/\1/' <<<"$line"); p99=$(sed 's/.* p99_ms=\([0-9.]*\).*/\1/' <<<"$line")
      reqs=$(sed 's/.* requests=\([0-9]*\).*/\1/' <<<"$line")
      grep -q ' not200=0 errors=0' <<<"$line" || note "HTTP small $name round $r: $line"
      srate[$name]+="$rate "; sp99[$name]+="$p99 "
      scpu[$name]+="$(calc "${reqs:-0} > 0 ? ($c1 - $c0) * 1000 / $reqs : 0") "
      log "  round $r $name, 4 KiB × 16 connections: $rate requests/s, p99 $p99 ms, $(calc "${reqs:-0} > 0 ? ($c1 - $c0) * 1000 / $reqs : 0") µs CPU per request"
    done
  done

  local ot nt oc nc
  ot=$(echo "${tput[ours]}" | median); nt=$(echo "${tput[nginx]}" | median)
  oc=$(echo "${cpu[ours]}" | median); nc=$(echo "${cpu[nginx]}" | median)
  row "HTTP 64 × 64 MiB, loopback" "aggregate throughput, MiB/s (median of $HTTP_ROUNDS)" \
      "$(calc "$ot")" "$(calc "$nt") (nginx)" "$(calc "$ot / $nt")" "≥ 1.0" "$(yesno "$ot >= $nt")"
  row "HTTP 64 × 64 MiB, loopback" "server CPU per request, ms (median)" \
      "$(calc "$oc")" "$(calc "$nc") (nginx)" "$(calc "$nc > 0 ? $oc / $nc : 0")" "≤ 1.5" "$(yesno "$oc <= 1.5 * $nc")"
  local osr nsr
  osr=$(echo "${srate[ours]}" | median); nsr=$(echo "${srate[nginx]}" | median)
  row "HTTP 4 KiB, 16 keep-alive connections, loopback" "requests/s (median of $HTTP_ROUNDS × 5 s)" \
      "$osr" "$nsr (nginx)" "$(calc "$nsr > 0 ? $osr / $nsr : 0")" "≥ 0.8" "$(yesno "$osr >= 0.8 * $nsr")"
  row "HTTP 4 KiB, 16 keep-alive connections" "latency p99, ms (median); server CPU per request, µs" \
      "$(echo "${sp99[ours]}" | median); $(echo "${scpu[ours]}" | median)" \
      "$(echo "${sp99[nginx]}" | median); $(echo "${scpu[nginx]}" | median) (nginx)" "" "(figure)" ""
  stop_pid "$nginx_pid"; stop_pid "$ours_pid"
}

# ---------------------------------------------------------------- namespaces (TFTP, DHCP)

NS_S=nbb-s-$$; NS_C=nbb-c-$$; IF_S=nbbs$$; IF_C=nbbc$$
SERVER_IP=10.251.0.1; CLIENT_IP=10.251.0.2
NET_READY=0

setup_namespaces() {
  [ $NET_READY -eq 1 ] && return 0
  [ "$(id -u)" -eq 0 ] || { note "not root: no network namespaces, TFTP and DHCP skipped"; return 1; }
  ip netns add "$NS_S" || return 1; NAMESPACES+=("$NS_S")
  ip netns add "$NS_C" || return 1; NAMESPACES+=("$NS_C")
  ip link add "$IF_S" netns "$NS_S" type veth peer name "$IF_C" netns "$NS_C" || return 1
  ip -n "$NS_S" addr add $SERVER_IP/24 dev "$IF_S"
  ip -n "$NS_C" addr add $CLIENT_IP/24 dev "$IF_C"
  for ns in "$NS_S" "$NS_C"; do ip -n "$ns" link set lo up; done
  ip -n "$NS_S" link set "$IF_S" up
  ip -n "$NS_C" link set "$IF_C" up
  NET_READY=1
}

# A console for the server namespace, on the veth interface with the default ports.
start_ours_in_namespace() {   # log file, extra args...
  local out=$1; shift
  local ws=$TMP/ws-ns
  mkdir -p "$ws"
  spawn "$out" ip netns exec "$NS_S" "$BIN" --headless --workspace "$ws" --interface "$IF_S" --mode proxy "$@"
  OURS_PID=$LAST_PID
}

wait_udp_port() {   # port
  for _ in $(seq 50); do
    ip netns exec "$NS_S" ss -Hlun "sport = :$1" | grep -q . && return 0
    sleep 0.1
  done
  return 1
}

# ---------------------------------------------------------------- 2. TFTP

# The TFTP LAN: a bridge in the server namespace and 16 client namespaces on it, one
# address each (10.253.0.11-26), so N clients at once are N machines, as on a pallet: the
# console serves at most a few transfers per address (its per-address share).
T_BRIDGE=nbbt$$; T_SERVER_IP=10.253.0.1; T_CLIENTS=16
NS_T=()
setup_tftp_lan() {
  [ ${#NS_T[@]} -gt 0 ] && return 0
  setup_namespaces || return 1
  ip -n "$NS_S" link add "$T_BRIDGE" type bridge || return 1
  ip -n "$NS_S" addr add $T_SERVER_IP/24 dev "$T_BRIDGE"
  ip -n "$NS_S" link set "$T_BRIDGE" up
  local i ns
  for i in $(seq $T_CLIENTS); do
    ns=nbb-t$i-$$
    ip netns add "$ns" || return 1
    NAMESPACES+=("$ns")
    ip link add "nbt${i}s$$" netns "$NS_S" type veth peer name "nbt${i}c$$" netns "$ns" || return 1
    ip -n "$NS_S" link set "nbt${i}s$$" master "$T_BRIDGE" up
    ip -n "$ns" addr add 10.253.0.$((10 + i))/24 dev "nbt${i}c$$"
    ip -n "$ns" link set lo up
    ip -n "$ns" link set "nbt${i}c$$" up
    NS_T+=("$ns")
  done
}

# Downloads FILE with N atftp clients at once, client i from namespace i of the TFTP LAN
# (or all from the client namespace of the delayed link). Prints "seconds cpu_ms ok" for
# the server PID.
tftp_run() {   # pid address file clients window blksize [namespace]
  local pid=$1 address=$2 file=$3 clients=$4 window=$5 blksize=$6 only_ns=${7:-}
  local opts=(--option "blksize $blksize" --option "tsize 0")
  [ "$window" -gt 0 ] && opts+=(--option "windowsize $window")
  rm -rf "$TMP/tftp-out"; mkdir -p "$TMP/tftp-out"
  local c0 c1 t0 t1 ok=1 expected ns i
  expected=$(stat -c %s "$TMP/tftp/$file")
  c0=$(cpu_ms "$pid"); t0=$(now)
  local clients_pids=()
  for i in $(seq "$clients"); do
    ns=${only_ns:-${NS_T[$(( (i - 1) % T_CLIENTS ))]}}
    timeout 120 ip netns exec "$ns" atftp "${opts[@]}" -g -r "$file" -l "$TMP/tftp-out/$i" "$address" 69 >/dev/null 2>&1 &
    clients_pids+=($!)
  done
  wait "${clients_pids[@]}"
  t1=$(now)
  # tftpd-hpa reaps its per-transfer children only when its loop wakes: a request for a
  # missing file wakes it, so their CPU time is counted (cutime) like everyone else's.
  ip netns exec "${only_ns:-${NS_T[0]}}" atftp -g -r missing.bin -l /dev/null "$address" 69 >/dev/null 2>&1
  sleep 0.2
  c1=$(cpu_ms "$pid")
  for i in $(seq "$clients"); do
    [ "$(stat -c %s "$TMP/tftp-out/$i" 2>/dev/null)" = "$expected" ] || ok=0
  done
  cmp -s "$TMP/tftp-out/1" "$TMP/tftp/$file" || ok=0
  # Seconds to the tenth of a millisecond: a 1 MiB download takes a few hundredths.
  echo "$(awk "BEGIN { printf \"%.4f\", $t1 - $t0 }") $(calc "$c1 - $c0") $ok"
}

# The delayed link: TUN devices on 10.252.0.0/30, packets from the server held 5 ms by
# delay_link.py (the kernel here may have no sch_netem).
DELAY_S=nbbds$$; DELAY_C=nbbdc$$; DELAY_SERVER_IP=10.252.0.1; DELAY_CLIENT_IP=10.252.0.2
setup_delayed_link() {
  ip -n "$NS_S" tuntap add dev "$DELAY_S" mode tun || return 1
  ip -n "$NS_C" tuntap add dev "$DELAY_C" mode tun || return 1
  spawn "$TMP/delay-link.log" python3 "$ROOT/bench/delay_link.py" --server-ns "$NS_S" --server-dev "$DELAY_S" \
        --client-ns "$NS_C" --client-dev "$DELAY_C" --delay-ms 5
  DELAY_PID=$LAST_PID
  sleep 0.5
  ip -n "$NS_S" addr add $DELAY_SERVER_IP peer $DELAY_CLIENT_IP dev "$DELAY_S"
  ip -n "$NS_C" addr add $DELAY_CLIENT_IP peer $DELAY_SERVER_IP dev "$DELAY_C"
  ip -n "$NS_S" link set "$DELAY_S" up
  ip -n "$NS_C" link set "$DELAY_C" up
  kill -0 "$DELAY_PID" 2>/dev/null || { note "delay_link.py: $(tail -2 "$TMP/delay-link.log")"; return 1; }
}

start_tftp_server() {   # name interface address
  case $1 in
    ours) spawn "$TMP/ours-tftp.log" ip netns exec "$NS_S" "$BIN" --headless --workspace "$TMP/ws-tftp-$2" \
            --interface "$2" --mode proxy --tftp-root "$TMP/tftp" ;;
    tftpd-hpa) spawn "$TMP/tftpd.log" ip netns exec "$NS_S" /usr/sbin/in.tftpd -L -u tftp -a "$3:69" -s "$TMP/tftp" ;;
    dnsmasq) spawn "$TMP/dnsmasq-tftp.log" ip netns exec "$NS_S" dnsmasq --no-daemon --conf-file=/dev/null --port=0 \
               --enable-tftp --tftp-root="$TMP/tftp" --listen-address="$3" --bind-interfaces \
               --pid-file="$TMP/dnsmasq-tftp.pid" --log-facility=- ;;
  esac
  SERVER_PID=$LAST_PID
  wait_udp_port 69 || { note "TFTP: $1 did not start on $3"; stop_pid "$SERVER_PID"; return 1; }
  sleep 0.3
}

# Lock-step is what most firmware asks (SeaBIOS's iPXE ROM and many NIC ROMs ask no
# windowsize): the matrix of file sizes, block sizes and machines at once runs lock-step.
TFTP_SIZES=${BENCH_TFTP_SIZES:-1 8}
TFTP_BLKSIZES=${BENCH_TFTP_BLKSIZES:-512 1468}
TFTP_CLIENTS=${BENCH_TFTP_CLIENTS:-1 8 16}

bench_tftp() {
  setup_tftp_lan || { note "TFTP: the bridge and client namespaces could not be made"; return; }
  log "TFTP: ours vs tftpd-hpa vs dnsmasq, lock-step matrix (MiB: $TFTP_SIZES; blksize: $TFTP_BLKSIZES; at once: $TFTP_CLIENTS), windowsize 8, a link delayed 5 ms"
  mkdir -p "$TMP/tftp"
  local size
  for size in $TFTP_SIZES; do head -c $((size * 1024 * 1024)) /dev/urandom >"$TMP/tftp/f$size.bin"; done
  head -c $((8 * 1024 * 1024)) /dev/urandom >"$TMP/tftp/f8w.bin"      # windowsize 8
  head -c $((1024 * 1024)) /dev/urandom >"$TMP/tftp/ipxe.bin"          # one client, delayed link
  chmod 755 "$TMP/tftp"; chmod 644 "$TMP/tftp"/*
  local delayed=1
  setup_delayed_link || { note "TFTP: no delayed link could be made"; delayed=0; }

  declare -A rate cpu slow
  local server window res bs n key
  for server in ours tftpd-hpa dnsmasq; do
    if start_tftp_server $server "$T_BRIDGE" $T_SERVER_IP; then
      # Two cores shared by the clients and the server: the median of three rounds.
      for size in $TFTP_SIZES; do for bs in $TFTP_BLKSIZES; do for n in $TFTP_CLIENTS; do
        local rates="" cpus=""
        for round in 1 2 3; do
          res=$(tftp_run "$SERVER_PID" $T_SERVER_IP "f$size.bin" "$n" 0 "$bs")
          set -- $res
          rates+="$(calc "$n * $size / $1") "; cpus+="$(calc "$2 / $n") "
          [ "$3" = 1 ] || note "TFTP $server $n × $size MiB blksize $bs: a download was incomplete or differs"
        done
        key=$size/$bs/$n
        rate[$server/$key]=$(echo "$rates" | median); cpu[$server/$key]=$(echo "$cpus" | median)
        log "  $server lock-step $n × $size MiB, blksize $bs: MiB/s $rates; ms CPU per transfer $cpus"
      done; done; done
      local rates="" cpus=""
      for round in 1 2 3; do
        res=$(tftp_run "$SERVER_PID" $T_SERVER_IP f8w.bin 8 8 1468)
        set -- $res
        rates+="$(calc "8 * 8 / $1") "; cpus+="$(calc "$2 / 8") "
        [ "$3" = 1 ] || note "TFTP $server windowsize 8: a download was incomplete or differs"
      done
      rate[$server/window]=$(echo "$rates" | median); cpu[$server/window]=$(echo "$cpus" | median)
      log "  $server windowsize 8, 8 × 8 MiB: MiB/s $rates; ms CPU per transfer $cpus"
      stop_pid "$SERVER_PID"
    fi
    [ $delayed -eq 1 ] || continue
    if start_tftp_server $server "$DELAY_S" $DELAY_SERVER_IP; then
      for window in 0 8; do
        res=$(tftp_run "$SERVER_PID" $DELAY_SERVER_IP ipxe.bin 1 "$window" 1468 "$NS_C")
        set -- $res
        slow[$server/$window]=$1
        [ "$3" = 1 ] || note "TFTP $server delayed link windowsize $window: the download was incomplete or differs"
        log "  $server delayed link, windowsize $window: $1 s for 1 MiB"
      done
      stop_pid "$SERVER_PID"
    fi
  done
  [ $delayed -eq 1 ] && stop_pid "$DELAY_PID"

  # One row per case: aggregate MiB/s and server CPU per transfer, against tftpd-hpa's.
  tftp_row() {   # label key
    local o=${rate[ours/$2]:-0} t=${rate[tftpd-hpa/$2]:-0} oc=${cpu[ours/$2]:-0} tc=${cpu[tftpd-hpa/$2]:-0}
    row "$1" "aggregate MiB/s (server CPU ms per transfer), median of 3" "$o ($oc)" \
        "tftpd-hpa $t ($tc), dnsmasq ${rate[dnsmasq/$2]:-n/a} (${cpu[dnsmasq/$2]:-n/a})" \
        "$(calc "$t > 0 ? $o / $t : 0") ($(calc "$tc > 0 ? $oc / $tc : 0"))" "≥ 1.0 (CPU ≤ 1.0) of tftpd-hpa" \
        "$(awk "BEGIN { exit !($t > 0 && $o >= $t && $oc <= $tc) }" && echo yes || echo NO)"
  }
  for size in $TFTP_SIZES; do for bs in $TFTP_BLKSIZES; do for n in $TFTP_CLIENTS; do
    tftp_row "TFTP lock-step, $n × $size MiB at once, blksize $bs" "$size/$bs/$n"
  done; done; done
  tftp_row "TFTP windowsize 8 asked, 8 × 8 MiB at once, blksize 1468" window
  for window in 0 8; do
    row "TFTP 1 MiB, link delayed 5 ms$( [ $window -gt 0 ] && echo ", windowsize $window asked")" "seconds" \
        "${slow[ours/$window]:-n/a}" "tftpd-hpa ${slow[tftpd-hpa/$window]:-n/a}, dnsmasq ${slow[dnsmasq/$window]:-n/a}" \
        "" "(figure)" ""
  done
  if [ -n "${slow[ours/0]:-}" ] && [ -n "${slow[ours/8]:-}" ]; then
    row "TFTP 1 MiB, link delayed 5 ms" "speed-up of windowsize 8 over lock-step (ours)" \
        "$(calc "${slow[ours/0]} / ${slow[ours/8]}")×" "" "" "≥ 2×" "$(yesno "${slow[ours/0]} >= 2 * ${slow[ours/8]}")"
  fi
}

# ---------------------------------------------------------------- 3. proxy DHCP

udp_rcvbuf_errors() {   # namespace
  ip netns exec "$1" awk '/^Udp:/ { if (!h) { for (i = 1; i <= NF; i++) c[$i] = i; h = 1 } else print $c["RcvbufErrors"] }' /proc/net/snmp
}

bench_dhcp() {
  setup_namespaces || return
  log "Proxy DHCP: PXE DISCOVERs at ${DHCP_RATES// //}/s for ${DHCP_SECONDS} s each, ours vs dnsmasq (proxy mode)"
  declare -A frac p99 p50
  local server pid rate json
  for server in ours dnsmasq; do
    case $server in
      ours) start_ours_in_namespace /dev/null; pid=$OURS_PID ;;
      dnsmasq) spawn "$TMP/dnsmasq-dhcp.log" ip netns exec "$NS_S" dnsmasq --no-daemon --conf-file=/dev/null --port=0 \
                 --interface="$IF_S" --bind-interfaces --dhcp-range=$SERVER_IP,proxy \
                 --pxe-service=x86PC,"Network boot",undionly --pxe-service=X86-64_EFI,"Network boot",ipxe.efi \
                 --dhcp-leasefile="$TMP/dnsmasq.leases" --pid-file="$TMP/dnsmasq-dhcp.pid" --log-facility=- ; pid=$LAST_PID ;;
    esac
    if ! wait_udp_port 67; then note "DHCP: $server did not start"; stop_pid "$pid"; continue; fi
    sleep 0.5
    for rate in $DHCP_RATES; do
      json=$(timeout $(( DHCP_SECONDS * 3 + 30 )) ip netns exec "$NS_C" python3 "$ROOT/bench/dhcp_load.py" \
               --interface "$IF_C" --rate "$rate" --seconds "$DHCP_SECONDS")
      frac[$server/$rate]=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["answered_fraction"])' "$json" 2>/dev/null || echo 0)
      p50[$server/$rate]=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["p50_ms"])' "$json" 2>/dev/null || echo n/a)
      p99[$server/$rate]=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["p99_ms"])' "$json" 2>/dev/null || echo n/a)
      log "  $server $rate/s: $json"
      # Where answers went missing, if any: UDP receive-buffer drops on either side.
      log "    UDP RcvbufErrors: client $(udp_rcvbuf_errors "$NS_C"), server $(udp_rcvbuf_errors "$NS_S")"
      sleep 1
    done
    stop_pid "$pid"
  done
  for rate in $DHCP_RATES; do
    local of=${frac[ours/$rate]:-0} df=${frac[dnsmasq/$rate]:-0} op=${p99[ours/$rate]:-n/a} dp=${p99[dnsmasq/$rate]:-n/a}
    local met_all="(figure)" met_p99="(figure)" ok_all="" ok_p99=""
    if awk "BEGIN { exit !($df >= 0.999) }"; then
      met_all="all answered, as dnsmasq"; ok_all=$(yesno "$of >= 0.999")
      met_p99="≤ dnsmasq's"; ok_p99=$( [ "$op" != None ] && [ "$dp" != None ] && yesno "$op <= $dp" || echo NO)
    fi
    row "Proxy DHCP, $rate DISCOVER/s for ${DHCP_SECONDS} s" "answered fraction" "$of" "$df (dnsmasq)" "" "$met_all" "$ok_all"
    row "Proxy DHCP, $rate DISCOVER/s" "latency p50 / p99, ms" "${p50[ours/$rate]:-n/a} / $op" \
        "${p50[dnsmasq/$rate]:-n/a} / $dp (dnsmasq)" "$( [ "$op" != None ] && [ "$dp" != None ] && [ "$op" != n/a ] && [ "$dp" != n/a ] && calc "$op / $dp")" "$met_p99" "$ok_p99"
  done
}

# ---------------------------------------------------------------- 4. the fleet

fleet_run() {   # machines stagger_ms label
  local machines=$1 stagger=$2 label=$3 out=$TMP/fleet-$1.txt
  log "Fleet: $label"
  timeout 900 "$BDIR/bench/bench_fleet" --machines "$machines" --stagger-ms "$stagger" --timeout 600 \
    >"$out" 2>"$TMP/fleet-$machines.err" &
  local pid=$!; PIDS+=("$pid")
  wait "$pid"
  sed 's/^/  /' "$out" >&2
  local line; line=$(grep '^FLEET ' "$out")
  if [ -z "$line" ]; then note "fleet $machines: no figures ($(tail -3 "$TMP/fleet-$machines.err" | tr '\n' ' '))"; return; fi
  field() { sed "s/.* $1=\([-0-9.]*\).*/\1/" <<<"$line"; }
  local joined hwm stall p99 allj over16
  joined=$(field joined); hwm=$(field vmhwm_mib); stall=$(field worst_stall_ms); p99=$(field p99_stall_ms)
  allj=$(field all_joined_s); over16=$(field stalls_over_16ms)
  row "$label" "reached Joined" "$joined of $machines$(awk "BEGIN { exit !($allj > 0) }" && echo ", the last after $allj s")" "" "" "all" "$(yesno "$joined == $machines")"
  row "$label" "time to Joined from a machine's first DHCP, s: p50 / p90 / p99" \
      "$(field join_p50_s) / $(field join_p90_s) / $(field join_p99_s)" "" "" "(figure)" ""
  row "$label" "console memory, VmHWM MiB" "$hwm" "" "" "< 300" "$(yesno "$hwm < 300")"
  row "$label" "longest main-thread stall, ms (p99; probes over 16 ms)" "$stall ($p99; $over16)" "" "" "< 16" "$(yesno "$stall < 16")"
}

bench_fleet() {
  fleet_run "$FLEET_MACHINES" 0 "$FLEET_MACHINES machines at once (1 MiB kernel, 4 MiB initramfs)"
  [ "$FLEET_LARGE" -gt 0 ] && fleet_run "$FLEET_LARGE" 10 "$FLEET_LARGE machines powered on 10 ms apart"
}

# ---------------------------------------------------------------- main

START=$(now)
install_peers || note "some peers could not be installed"
prepare_build || { log "the build failed"; exit 1; }
log "console: $BIN ($BUILD_TYPE)"
wants http && bench_http
wants tftp && bench_tftp
wants dhcp && bench_dhcp
wants fleet && bench_fleet

{
  echo "# Benchmarks, $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -r); console build: $BUILD_TYPE; peers: nginx $(dpkg-query -W -f='${Version}' nginx-light 2>/dev/null), tftpd-hpa $(dpkg-query -W -f='${Version}' tftpd-hpa 2>/dev/null), dnsmasq $(dpkg-query -W -f='${Version}' dnsmasq-base 2>/dev/null); run took $(calc "int($(now) - $START)") s."
  echo
  cat "$RESULTS"
  if [ ${#NOTES[@]} -gt 0 ]; then
    echo
    for n in "${NOTES[@]}"; do echo "- $n"; done
  fi
} >"$BUILD_DIR/bench-results.md"
echo
cat "$BUILD_DIR/bench-results.md"
echo
log "written to $BUILD_DIR/bench-results.md"
