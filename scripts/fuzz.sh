#!/usr/bin/env bash
# Runs every libFuzzer target of a fuzz build (cmake -DNBC_FUZZ=ON) for a bounded time.
#
#   scripts/fuzz.sh <build-dir> <seconds-per-target> [target ...]
#
# Each target starts from its seeds (tests/data, fuzz/corpus/<target>, and the inputs that
# once broke it, tests/data/fuzz/<target>) in a throw-away working corpus. Anything it
# finds (crash-*, leak-*, timeout-*, oom-*) is kept in <build-dir>/findings/<target>/.
# Prints one line per target and exits non-zero when any target found something.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 <build-dir> <seconds-per-target> [target ...]" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "$1" && pwd)"
seconds="$2"
shift 2
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(fuzz_dhcp fuzz_tftp fuzz_http fuzz_taloslog fuzz_workspace fuzz_machineconfig)
fi

# Hex dumps in tests/data ('#' comments, whitespace ignored) to the bytes they describe.
hex_to_bin() {
  python3 - "$1" "$2" <<'EOF'
import sys
text = "".join(line.split("#", 1)[0] for line in open(sys.argv[1]))
open(sys.argv[2], "wb").write(bytes.fromhex("".join(text.split())))
EOF
}

# Copies every regular file of $2 (glob) into corpus $1; .hex files as their bytes.
add_seeds() {
  local corpus="$1" pattern="$2" file
  for file in $pattern; do
    [ -f "$file" ] || continue
    case "$file" in
      *.hex) hex_to_bin "$file" "$corpus/$(basename "$file").bin" ;;
      *) cp "$file" "$corpus/" ;;
    esac
  done
}

seeds_for() {
  case "$1" in
    fuzz_dhcp) echo "$root/tests/data/dhcp/*.hex" ;;
    fuzz_tftp) echo "$root/tests/data/tftp/*.hex" ;;
    fuzz_http) echo "$root/tests/data/http/*.http" ;;
    fuzz_machineconfig) echo "$root/tests/data/talos/*.yaml" ;;
    *) echo "" ;;
  esac
}

export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for target in "${targets[@]}"; do
  binary="$build/fuzz/$target"
  if [ ! -x "$binary" ]; then
    echo "$target: not built ($binary missing)"
    status=1
    continue
  fi
  short="${target#fuzz_}"
  corpus="$work/$target"
  findings="$build/findings/$target"
  rm -rf "$findings"
  mkdir -p "$corpus" "$findings"
  add_seeds "$corpus" "$(seeds_for "$target")"
  add_seeds "$corpus" "$root/fuzz/corpus/$short/*"
  add_seeds "$corpus" "$root/tests/data/fuzz/$target/*"
  log="$findings/$target.log"
  # libFuzzer stops at max_total_time; the outer timeout only guards against a run that
  # does not (a hang inside a signal handler), so the whole script stays bounded.
  result=0
  timeout --kill-after=10 $((seconds + 60)) "$binary" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$findings/" "$corpus" >"$log" 2>&1 || result=$?

  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  cov="$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1 || true)"
  artifacts="$(find "$findings" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | sort)"
  if [ -n "$artifacts" ]; then
    outcome="FOUND $(echo "$artifacts" | wc -l) input(s): $(echo "$artifacts" | xargs -n1 basename | tr '\n' ' ')(see $log)"
    status=1
  elif [ "$result" -ne 0 ]; then
    outcome="FAILED with exit code $result (see $log)"
    status=1
  else
    outcome="ok"
  fi
  echo "$target: ${execs:-?} execs in ${seconds} s, ${cov:-no coverage line}: $outcome"
done
exit $status
