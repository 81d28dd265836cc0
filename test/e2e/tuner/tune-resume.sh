#!/usr/bin/env bash
# Killing mlc-tune (kill -9) mid-run and starting it again continues from
# the records: the trials already recorded count, nothing recorded is lost,
# and the run ends with exactly the trials asked for. Two processes merged
# into one file keep every record.
#
# usage: tune-resume.sh BIN_DIR WORK_DIR MODEL.onnx SHAPE
set -euo pipefail
bin=$1 work=$2 model=$3 shape=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
count() { grep -c '"workload"' "$1" || true; }

"$bin/mlc-tune" "$model" --shape "$shape" --trials=40 --batch=4 \
  --records=r.records --no-final-compare > first.txt 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  [ "$(count r.records 2>/dev/null || echo 0)" -ge 12 ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
kill -9 $pid 2>/dev/null || fail "mlc-tune ended before it could be killed"
wait $pid 2>/dev/null || true
before=$(count r.records)
echo "killed after $before records"
[ "$before" -ge 12 ] && [ "$before" -lt 40 ] || fail "$before records at the kill"

"$bin/mlc-tune" "$model" --shape "$shape" --trials=40 --batch=4 \
  --records=r.records --no-final-compare > second.txt 2>&1 ||
  { cat second.txt; fail "the restarted mlc-tune failed"; }
cat second.txt
grep -q "resuming: $before trials of these tasks are already in the records" second.txt ||
  fail "the restart did not resume from $before records"
after=$(count r.records)
[ "$after" -eq 40 ] || fail "expected 40 records after the restart, found $after"

# Merge with a second file: every distinct record is kept.
"$bin/mlc-tune" "$model" --shape "$shape" --trials=8 --batch=4 --seed=2 \
  --records=s.records --no-final-compare > third.txt 2>&1
"$bin/mlc-tune" --merge r.records s.records --records=m.records
merged=$(count m.records)
[ "$merged" -ge 41 ] && [ "$merged" -le 48 ] || fail "merged $merged records"
echo PASS
