#!/usr/bin/env bash
# The soak (not part of CI): an exactly-once connector on 3 Connect worker processes, 50 simulated instances polled
# every second for 30 minutes, a fault every minute, three worker SIGKILLs and one broker kill -9 + restart.
# Prints expected / seen / lost / duplicated and each worker's heap after GC, threads and open descriptors every
# minute, fails on a loss, a duplicate or growth, and writes system-tests/results/soak-<date>.md.
#
#   system-tests/soak.sh [--minutes N] [--instances N] [--seed N] [-- <more mvn arguments, e.g. -o>]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes=30 instances=50 seed="" extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --instances) instances="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
# -am: the connector's zip and the simulator/stack classes come from this checkout, never from ~/.m2
args=(-B -ntp -f "$root/pom.xml" -pl system-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
      -Dit.test=SoakRun -Dfailsafe.failIfNoSpecifiedTests=false
      "-Dokast.soak.minutes=$minutes" "-Dokast.soak.instances=$instances"
      "-Dokast.soak.results=$root/system-tests/results")
[[ -n "$seed" ]] && args+=("-Dokast.soak.seed=$seed")
echo "soak: $minutes min, $instances instances; output in system-tests/target/failsafe-reports/*SoakRun-output.txt"
mvn "${args[@]}" "${extra[@]}" verify
