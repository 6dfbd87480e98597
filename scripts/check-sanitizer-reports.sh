#!/usr/bin/env bash
# Fails when the sanitizer run left a report: every sanitized process (the tests and the
# consoles that the end-to-end tests start) writes its reports into DIR, so a report from
# a child process whose exit code nobody looks at still fails the run.
set -euo pipefail
dir=${1:?usage: check-sanitizer-reports.sh DIR}
shopt -s nullglob
reports=("$dir"/*)
if [ ${#reports[@]} -eq 0 ]; then
  echo "Sanitizer reports: none"
  exit 0
fi
echo "Sanitizer reports: ${#reports[@]} file(s) in $dir" >&2
for report in "${reports[@]}"; do
  echo "==== $report" >&2
  head -c 20000 "$report" >&2
done
exit 1
