#!/usr/bin/env bash
# Crash soak: the local run killed with kill -9 while four clients record over HTTP, restarted on the same data,
# CYCLES times (default 100). Prints each cycle and, at the end, how many records were answered 2xx and how many
# of those were lost (the build runs the same test with 3 cycles). About 20 s a cycle on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
cycles="${1:-100}"
./mvnw -B -q -pl local-app -am verify -Dtest=LocalRunCrashTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcrash.cycles="$cycles"
