#!/usr/bin/env bash
# Event store benchmark (not part of the tests): builds the project, then runs
# se.medborgarlofte.benchmark.EventStoreBenchmark once and prints a table. About 10 minutes on 2 cores.
# Sizes are system properties, e.g.  JAVA_OPTS="-Dbench.parts=1,3 -Dbench.replay.promises=200" benchmark/run.sh
# (see Config in EventStoreBenchmark.java). Set SKIP_BUILD=1 to use the existing build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -q -B -DskipTests install
fi
exec java -Xmx4g ${JAVA_OPTS:-} -cp "benchmark/target/benchmark.jar:benchmark/target/lib/*" \
  se.medborgarlofte.benchmark.EventStoreBenchmark "$@"
