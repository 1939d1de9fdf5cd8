#!/usr/bin/env bash
# Times `envelope run model30.yaml -o json` (100,000 samples, the default)
# against Squiggle 0.10 evaluating model30.squiggle at sampleCount 100000,
# end to end, alternately, RUNS times each (default 7); checks that the two
# agree on the median and 95th percentile of every output; prints the
# medians and their ratio. Needs Go, Node 18+ and npm. Not part of make test.
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${RUNS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ -d node_modules/@quri/squiggle-lang ] || npm install --no-audit --no-fund >&2
echo "squiggle-lang $(node -p 'require("./node_modules/@quri/squiggle-lang/package.json").version'), node $(node --version), $(go version | cut -d' ' -f3)"
(cd ../.. && go build -o "$work/envelope" ./cmd/envelope)

# Warm the file cache once, and keep the outputs for the comparison.
"$work/envelope" run model30.yaml -o json > "$work/envelope.json"
node run.mjs 100000 > "$work/squiggle.json"
node compare.mjs "$work/envelope.json" "$work/squiggle.json"

# elapsed COMMAND...: prints wall-clock and CPU (user+sys) seconds.
TIMEFORMAT='%3R %3U %3S'
elapsed() {
  { time "$@" > /dev/null; } 2>&1 | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
}
for i in $(seq "$RUNS"); do
  elapsed "$work/envelope" run model30.yaml -o json >> "$work/envelope.times"
  elapsed node run.mjs 100000 >> "$work/squiggle.times"
done

# median FILE COLUMN
median() {
  sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ew=$(median "$work/envelope.times" 1); ec=$(median "$work/envelope.times" 2)
sw=$(median "$work/squiggle.times" 1); sc=$(median "$work/squiggle.times" 2)
echo "runs: $RUNS each, alternately; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %12s %12s\n' "" "wall (s)" "cpu (s)"
printf '%-10s %12s %12s\n' envelope "$ew" "$ec" squiggle "$sw" "$sc"
awk -v ew="$ew" -v sw="$sw" -v ec="$ec" -v sc="$sc" 'BEGIN { printf "ratio (squiggle / envelope, medians): %.1fx wall, %.1fx cpu\n", sw / ew, sc / ec }'
