#!/usr/bin/env bash
# Ingest tracker benchmark (examples/ingest-tracker, TrackerBench): N ingests over M instances through a real
# in-process broker into one tracker, then search and timeline latency from an HTTP client, heap and store size.
#
#   benchmarks/tracker-bench.sh --ingests 1000000 --instances 100 --queries 2000 --results benchmarks/results/tracker.md
#
# MVN_OFFLINE=-o keeps Maven offline. Reports only; asserts no timing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="$ROOT/examples/ingest-tracker"
cd "$ROOT"
mvn ${MVN_OFFLINE-} -q -B -pl examples/ingest-tracker -am install -DskipTests
mvn ${MVN_OFFLINE-} -q -B -pl examples/ingest-tracker dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$MODULE/target/test-classpath.txt"
exec java -Xmx2g -Dbench.stateRoot="$MODULE/target" -Dlog4j2.configurationFile="$MODULE/src/test/resources/log4j2-test.xml" \
  -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/test-classpath.txt")" \
  io.github.okastconnect.tracker.TrackerBench "$@"
