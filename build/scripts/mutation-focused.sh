#!/usr/bin/env bash
# A focused mutation run: one source file of main/core against only the test files named (the ones
# written for it), in a minute instead of the hour that a run with every related test takes. Its score
# is a lower bound (a mutant that only another test kills counts as survived here). The report goes to
# tools/mutation/focused/<path with / as ->.json, tracked, and `npm run test:mutation:scores` takes, file by
# file, the best report of the file's current source (see mutation-scores.mjs).
# Usage: build/scripts/mutation-focused.sh main/core/vault/AuditCounts.ts test/unit/core/vault/AuditCounts.test.ts [more tests...]
set -euo pipefail
if [[ $# -lt 2 || "$1" != main/core/*.ts ]]; then
  echo "usage: $0 main/core/<dir>/<file>.ts <test file> [<test file>...]" >&2
  exit 2
fi
src=$1; shift
for t in "$@"; do [[ -f "$t" ]] || { echo "no such test file: $t" >&2; exit 2; }; done
mkdir -p tools/mutation/focused
name=${src#main/core/}; name=${name%.ts}; name=${name//\//-}
tests=$(IFS=,; echo "$*")
FOCUSED_TESTS=$tests STRYKER_JSON="tools/mutation/focused/$name.json" nice -n 19 npx stryker run stryker.focused.config.mjs --mutate "$src"
