#!/usr/bin/env bash
# Mutation testing with PIT: a command of its own, not part of `./mvnw -B verify`.
# Mutates the Promise aggregate (command-side), the progress calculation (query-side) and the event storage engine
# (event-store), runs the tests of each module against every mutant, and prints the share of mutants killed.
# HTML reports: <module>/target/pit-reports/index.html. Takes about 10-15 minutes on 2 cores.
# Extra Maven arguments are passed on, e.g. `mutation/run.sh -pl event-store -am` for one module.
set -euo pipefail
cd "$(dirname "$0")/.."
modules=(event-store command-side query-side)
if [ "$#" -eq 0 ]; then
  set -- -pl "$(IFS=,; echo "${modules[*]}")" -am
fi
started=$(date +%s)
./mvnw -B -Pmutation verify "$@"
echo
echo "Mutation scores (detected as PIT counts them: killed, timed out, memory or run error):"
for module in "${modules[@]}"; do
  report="$module/target/pit-reports/mutations.xml"
  # only reports this run wrote (a run of one module leaves the others' reports as they were)
  [ -f "$report" ] && [ "$(stat -c %Y "$report")" -ge "$started" ] || continue
  python3 - "$module" "$report" <<'PY'
import sys, xml.etree.ElementTree as ET
module, report = sys.argv[1], sys.argv[2]
mutations = ET.parse(report).getroot().findall('mutation')
killed = sum(1 for m in mutations if m.get('status') in ('KILLED', 'TIMED_OUT', 'MEMORY_ERROR', 'RUN_ERROR', 'NON_VIABLE'))
total = len(mutations)
print(f"  {module:14} {killed:4} of {total:4} killed ({100 * killed / max(total, 1):.0f} %)")
for m in mutations:
    if m.get('status') not in ('KILLED', 'TIMED_OUT', 'MEMORY_ERROR', 'RUN_ERROR', 'NON_VIABLE'):
        print(f"      {m.get('status'):11} {m.findtext('mutatedClass').rsplit('.', 1)[-1]}.{m.findtext('mutatedMethod')}"
              f" line {m.findtext('lineNumber')}: {m.findtext('description')}")
PY
done
