#!/usr/bin/env bash
# Runs the benchmarks and writes every table, chart and the targets table under benchmarks/results/.
#
#   benchmarks/run.sh                  full run (~10 min on a quiet 2-core machine, build excluded):
#                                        1. JMH: one poll of 10k entries, connector vs the baseline's parts  (~2.5 min)
#                                        2. heap: the connector's state per tracked entry, in isolation       (~15 s)
#                                        3. worker: the connector in a real Connect worker process, at-least-once
#                                           and exactly-once: CPU per poll, bytes to Kafka, heap, capacity    (~7.5 min)
#   benchmarks/run.sh --quick          every part above, briefly (<= 3 min on a quiet machine, build excluded): checks that each
#                                      benchmark runs and produces its figures; fails only if one breaks, never on a
#                                      timing. Writes to benchmarks/target/quick-results (the committed results stay).
#   benchmarks/run.sh --only PART      one part: jmh | heap | worker | gzip (~3 min) | latency (the in-process
#                                      end-to-end harness, ~5 min); latest.md is rebuilt from the parts' last results
#   --skip-build                       use what target/ already holds
#   --results DIR                      write there instead
# Maven may download what is missing; MVN_OFFLINE=-o benchmarks/run.sh keeps it offline.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
OFFLINE="${MVN_OFFLINE-}"
BUILD=1
QUICK=0
ONLY=all
RESULTS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) BUILD=0 ;;
    --quick) QUICK=1 ;;
    --only) ONLY="$2"; shift ;;
    --results) RESULTS="$2"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

case "$ONLY" in
  all|jmh|heap|worker|gzip|latency) ;;
  *) echo "--only takes jmh, heap, worker, gzip or latency, not: $ONLY" >&2; exit 2 ;;
esac
if [ -z "$RESULTS" ]; then
  if [ "$QUICK" = 1 ]; then RESULTS="$BENCH/target/quick-results"; else RESULTS="$BENCH/results"; fi
fi
mkdir -p "$RESULTS"
RESULTS="$(cd "$RESULTS" && pwd)"

if [ "$BUILD" = 1 ]; then
  echo "== building the connector (with its plugin directory), the simulator, the testkit's Kafka stack and the benchmarks (Maven ${OFFLINE:-online})"
  # The benchmarks are built clean (they inline the connector's config constants); the modules they need are not
  # cleaned, so test reports of an earlier `mvn verify` stay where .ci/check-required-tests-ran reads them.
  (cd "$ROOT" && mvn $OFFLINE -B -q -pl benchmarks clean && mvn $OFFLINE -B -q -pl benchmarks -am install -DskipTests)
fi

CP="$BENCH/target/classes:$BENCH/target/lib/*"
# The commit the reports name next to the jar's hash ("+changes" if the tree differs from it, results aside).
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$ROOT" status --porcelain -- . ':!benchmarks/results' 2>/dev/null)" ]; then
  COMMIT="$COMMIT+changes"
fi
# Kafka's test jars ship an INFO log4j2.yaml that would otherwise win over ours.
JAVA=(java -Dlog4j2.configurationFile="$BENCH/src/main/resources/log4j2.xml" -Dsun.net.httpserver.nodelay=true
      -Djava.awt.headless=true -Dbench.commit="$COMMIT" -cp "$CP")
STARTED="$(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $(nproc) cores, $STARTED (other work on the box skews timings; every table records it)"
T0=$(date +%s)
WROTE=()
part() { [ "$ONLY" = all ] || [ "$ONLY" = "$1" ]; }
# A part that wrote no file, an empty one, or a table with a figure it could not compute (NaN) has broken.
wrote() {
  for f in "$@"; do
    [ -s "$RESULTS/$f" ] || { echo "!! $f was not written" >&2; exit 1; }
    if [[ "$f" == *.md ]] && grep -q 'NaN' "$RESULTS/$f"; then
      echo "!! $f has a figure that could not be computed (NaN):" >&2; grep -n 'NaN' "$RESULTS/$f" >&2; exit 1
    fi
    WROTE+=("$RESULTS/$f")
  done
}

if part jmh; then
  rm -f "$RESULTS/jmh.md" "$RESULTS/jmh.json" "$RESULTS/targets-jmh.tsv"
  echo "== JMH: one poll, connector vs the baseline's parts ($(date -u +%H:%M:%S))"
  if [ "$QUICK" = 1 ]; then
    "${JAVA[@]}" io.github.okastconnect.bench.JmhMain --results "$RESULTS" --entries 1000 --quick
  else
    "${JAVA[@]}" io.github.okastconnect.bench.JmhMain --results "$RESULTS"
  fi
  wrote jmh.md jmh.json targets-jmh.tsv
fi

if part heap; then
  rm -f "$RESULTS/heap.md" "$RESULTS/heap-per-entry.txt" "$RESULTS/targets-heap.tsv"
  echo "== heap: the connector's state per tracked entry ($(date -u +%H:%M:%S))"
  if [ "$QUICK" = 1 ]; then
    "${JAVA[@]}" -Xmx1g io.github.okastconnect.bench.HeapPerEntry --results "$RESULTS" --entries 10000
  else
    "${JAVA[@]}" -Xmx2g io.github.okastconnect.bench.HeapPerEntry --results "$RESULTS"
  fi
  wrote heap.md heap-per-entry.txt targets-heap.tsv
fi

if part worker; then
  rm -f "$RESULTS/worker.md" "$RESULTS/capacity.png" "$RESULTS/targets-worker.tsv"
  echo "== worker: the connector in a real Connect worker process ($(date -u +%H:%M:%S))"
  QUICK_ARG=()
  [ "$QUICK" = 1 ] && QUICK_ARG=(--quick)
  "${JAVA[@]}" -Xmx3g io.github.okastconnect.bench.harness.WorkerBench --results "$RESULTS" \
    --plugin-path "$ROOT/connector/target/plugin" "${QUICK_ARG[@]}"
  wrote worker.md capacity.png targets-worker.tsv
fi

# Not in the default runs (the full run would pass 10 minutes, the quick one 3): --only gzip [--quick].
if [ "$ONLY" = gzip ]; then
  rm -f "$RESULTS/gzip.md" "$RESULTS/gzip.json"
  echo "== gzip: one poll with and without compression, inflate vs fingerprint ($(date -u +%H:%M:%S))"
  if [ "$QUICK" = 1 ]; then
    "${JAVA[@]}" io.github.okastconnect.bench.GzipMain --results "$RESULTS" --entries 1000 --quick
  else
    "${JAVA[@]}" io.github.okastconnect.bench.GzipMain --results "$RESULTS"
  fi
  wrote gzip.md gzip.json
fi

# The in-process end-to-end harness (change → consumer latency); its smoke test runs in mvn test.
if [ "$ONLY" = latency ]; then
  echo "== latency: in-process broker + worker + simulator + consumer ($(date -u +%H:%M:%S))"
  if [ "$QUICK" = 1 ]; then
    "${JAVA[@]}" -Xmx2g io.github.okastconnect.bench.harness.LoadHarness --results "$RESULTS" --quick
  else
    "${JAVA[@]}" -Xmx6g io.github.okastconnect.bench.harness.LoadHarness --results "$RESULTS"
  fi
  wrote harness.md latency.png
fi

MODE=full
[ "$QUICK" = 1 ] && MODE=quick
[ "$ONLY" != all ] && MODE="$MODE, --only $ONLY"
"${JAVA[@]}" io.github.okastconnect.bench.Summary --results "$RESULTS" --started "$STARTED" --mode "$MODE"
wrote latest.md
echo "== done in $(( $(date +%s) - T0 )) s (build excluded), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== wrote:"
printf '   %s\n' "${WROTE[@]}"
