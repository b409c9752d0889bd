#!/usr/bin/env bash
# Okast quickstart: Kafka 4.4.0 (1 KRaft broker + 1 Connect worker, real processes), the Okast simulator,
# the Okast source connector and the Kafka Streams example, with every lifecycle event printed.
#
#   ./quickstart.sh                      build what it needs (mvn install -DskipTests), then run against the simulator
#   ./quickstart.sh --no-build           run what is already built (builds anyway if nothing is)
#   ./quickstart.sh --instance paris=https://paris.example.com,user:pass    poll a real instance instead
#   ./quickstart.sh --help               all options, each with its environment variable (OKAST_QUICKSTART_*)
#   ./quickstart.sh --version
#
# Ctrl-C stops everything (no process and no port is left behind). Kafka logs: examples/quickstart/target/quickstart-run/logs
# MAVEN_ARGS (e.g. "-o") is passed to Maven; JAVA_HOME selects the JVM (17 or newer).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODULE="$ROOT/examples/quickstart"
BUILD=1
# the Java main reads the same variable (and refuses a value that is not true/false)
[[ "${OKAST_QUICKSTART_NO_BUILD:-false}" == "true" ]] && BUILD=0
ARGS=()
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=0 ;;
    -h | --help | -V | --version) BUILD=0; ARGS+=("$arg") ;; # answered by what is built (built first if nothing is)
    *) ARGS+=("$arg") ;;
  esac
done

if [[ $BUILD == 1 || ! -f "$MODULE/target/classpath.txt" || ! -d "$MODULE/target/classes" ]]; then
  # Only what the quickstart runs (connector plugin, simulator, Streams example and the quickstart itself).
  echo "Building: mvn -q -B -DskipTests -pl examples/quickstart -am install ${MAVEN_ARGS:-}" >&2
  # shellcheck disable=SC2086 # MAVEN_ARGS is a list of options
  (cd "$ROOT" && mvn -q -B -DskipTests -pl examples/quickstart -am ${MAVEN_ARGS:-} install)
fi

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cd "$ROOT"
# exec: java becomes this process, so Ctrl-C's SIGINT reaches its shutdown hook directly.
# java -cp starts ~3 s sooner than mvn exec:java and has no Maven JVM in between.
exec "$JAVA" -Xmx512m -Dsun.net.httpserver.nodelay=true \
  -cp "$MODULE/target/classes:$(cat "$MODULE/target/classpath.txt")" \
  io.github.okastconnect.quickstart.QuickstartMain ${ARGS[@]+"${ARGS[@]}"}
