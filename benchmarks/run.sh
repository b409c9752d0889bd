#!/usr/bin/env bash
# Runs every benchmark and prints the tables (~20 minutes on an idle 2-core machine, build included):
#   1. JMH: one poll of 1k/10k/100k entries, connector vs a GET + readTree baseline     (~12 min)
#   2. gzip: one poll of 10k entries with and without compression, + inflate vs hash     (~3 min)
#   3. heap retained per tracked entry (100k entries through the tracker)                  (~15 s)
#   4. end-to-end harness: broker + Connect worker + simulator + consumer, 5 scenarios     (~5 min)
# Results: benchmarks/results/latest.md (all tables) and benchmarks/results/latest.png (chart).
#
# Usage: benchmarks/run.sh [--skip-build] [--quick] [--only jmh|gzip|heap|harness]
#   --skip-build  use what target/ already holds
#   --quick       JMH and gzip on 1k entries only with short iterations, harness with one tiny scenario (smoke run)
#   --only X      run one part (latest.md is then rebuilt from the parts in results/, when the harness's is there)
# Maven may download what is missing; MVN_OFFLINE=-o ./run.sh keeps it offline.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
OFFLINE="${MVN_OFFLINE-}"
BUILD=1
QUICK=0
ONLY=all
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) BUILD=0 ;;
    --quick) QUICK=1 ;;
    --only) ONLY="$2"; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

case "$ONLY" in
  all|jmh|gzip|heap|harness) ;;
  *) echo "--only takes jmh, gzip, heap or harness, not: $ONLY" >&2; exit 2 ;;
esac

if [ "$BUILD" = 1 ]; then
  echo "== building the parent, the connector, the simulator and the benchmarks (Maven ${OFFLINE:-online})"
  (cd "$ROOT" \
    && mvn $OFFLINE -q -N install \
    && mvn $OFFLINE -q -pl connector install -DskipTests \
    && mvn $OFFLINE -q -f examples/okast-simulator/pom.xml install -DskipTests \
    && mvn $OFFLINE -q -f benchmarks/pom.xml clean package -DskipTests)
fi

CP="$BENCH/target/classes:$BENCH/target/lib/*"
RESULTS="$BENCH/results"
mkdir -p "$RESULTS"
# Kafka's test jars ship an INFO log4j2.yaml that would otherwise win over ours.
# The commit the reports name next to the jar's hash ("+changes" if the tree differs from it, results aside).
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$ROOT" status --porcelain -- . ':!benchmarks/results' 2>/dev/null)" ]; then
  COMMIT="$COMMIT+changes"
fi
JAVA=(java -Dlog4j2.configurationFile="$BENCH/src/main/resources/log4j2.xml" -Dsun.net.httpserver.nodelay=true
      -Djava.awt.headless=true -Dbench.commit="$COMMIT" -cp "$CP")
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other work on the box skews timings)"

if [ "$ONLY" = all ] || [ "$ONLY" = jmh ]; then
  rm -f "$RESULTS/jmh.md" "$RESULTS/jmh.json"
  echo "== JMH: one poll, connector vs baseline"
  if [ "$QUICK" = 1 ]; then
    "${JAVA[@]}" io.github.okastconnect.bench.JmhMain --results "$RESULTS" --entries 1000 --quick
  else
    "${JAVA[@]}" io.github.okastconnect.bench.JmhMain --results "$RESULTS"
  fi
fi

if [ "$ONLY" = all ] || [ "$ONLY" = gzip ]; then
  rm -f "$RESULTS/gzip.md" "$RESULTS/gzip.json"
  echo "== gzip: one poll with and without compression, inflate vs fingerprint"
  if [ "$QUICK" = 1 ]; then
    "${JAVA[@]}" io.github.okastconnect.bench.GzipMain --results "$RESULTS" --entries 1000 --quick
  else
    "${JAVA[@]}" io.github.okastconnect.bench.GzipMain --results "$RESULTS"
  fi
fi

if [ "$ONLY" = all ] || [ "$ONLY" = heap ]; then
  rm -f "$RESULTS/heap.md"
  echo "== heap retained per tracked entry"
  "${JAVA[@]}" -Xmx2g io.github.okastconnect.bench.HeapPerEntry --results "$RESULTS"
fi

if [ "$ONLY" = all ] || [ "$ONLY" = harness ]; then
  echo "== end-to-end harness (real broker + Connect worker)"
  if [ "$QUICK" = 1 ]; then
    "${JAVA[@]}" -Xmx2g io.github.okastconnect.bench.harness.LoadHarness --results "$RESULTS" --quick
  else
    "${JAVA[@]}" -Xmx6g io.github.okastconnect.bench.harness.LoadHarness --results "$RESULTS"
  fi
fi
if [ "$ONLY" != all ] && [ "$ONLY" != harness ] && [ -f "$RESULTS/harness.md" ]; then
  # Only the harness writes latest.md; a part run alone joins the others' last results (each table is dated).
  "${JAVA[@]}" io.github.okastconnect.bench.harness.LoadHarness --assemble "$RESULTS"
fi
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== done: $RESULTS/latest.md, $RESULTS/latest.png"
