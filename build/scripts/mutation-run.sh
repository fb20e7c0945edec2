#!/usr/bin/env bash
# Mutation-tests whole directories one file at a time, niced, so that each finished file's results land
# in the tracked incremental file (tools/mutation/stryker-incremental.json) at once: a run cut short by a
# session's end loses at most the file under way. Usage: build/scripts/mutation-run.sh vault tokens ...
# (a name under main/core/, or a path to one .ts file). Each directory's report:
# test-results/mutation/mutation-<name>.json; its log, with per-file durations: run-<name>.log.
set -u
mkdir -p test-results/mutation
for target in "$@"; do
  if [[ "$target" == *.ts ]]; then
    files=("$target"); name=$(basename "$target" .ts)
  else
    name=${target//\//-}
    mapfile -t files < <(find "main/core/$target" -name '*.ts' ! -name types.ts ! -name httpTypes.ts -printf '%s %p\n' | sort -n | cut -d' ' -f2)
  fi
  log="test-results/mutation/run-$name.log"
  echo "$(date -u +%FT%TZ) start $name (${#files[@]} files)" >>"$log"
  start=$SECONDS
  for f in "${files[@]}"; do
    t=$SECONDS
    STRYKER_JSON="test-results/mutation/mutation-$name.json" nice -n 19 npx stryker run --mutate "$f" >>"$log" 2>&1
    rc=$?
    echo "$(date -u +%FT%TZ) file $f rc=$rc $((SECONDS - t)) s" >>"$log"
  done
  echo "$(date -u +%FT%TZ) done $name $((SECONDS - start)) s" >>"$log"
done
