#!/usr/bin/env bash
# Event store benchmark (not part of the tests): builds the project (package, in this checkout only: nothing is
# installed into ~/.m2), then runs se.medborgarlofte.benchmark.EventStoreBenchmark once, prints a table and writes it
# to benchmark/results/latest.md.
#   benchmark/run.sh          the full profile (about 10 minutes on 2 cores after the build)
#   benchmark/run.sh quick    the quick profile (within 15 minutes after the build on 2 cores, shorter timed runs)
# Sizes are system properties, e.g.  JAVA_OPTS="-Dbench.parts=1,3 -Dbench.replay.promises=200" benchmark/run.sh
# (see Config.java). Set SKIP_BUILD=1 to use the existing build.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -q -B -DskipTests package -pl benchmark -am
fi
exec java -Xmx4g ${JAVA_OPTS:-} -cp "benchmark/target/benchmark.jar:benchmark/target/lib/*" \
  se.medborgarlofte.benchmark.EventStoreBenchmark "$@"
