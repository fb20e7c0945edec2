#!/usr/bin/env bash
# Mutation-tests whole directories a few files at a time (about CHUNK_LINES lines of source per Stryker
# run, default 500), niced, so that each finished chunk's results land in the tracked incremental file
# (tools/mutation/stryker-incremental.json) at once: a run cut short by a session's end loses at most the
# chunk under way, and each run's dry run (the related tests once, about a minute) is paid per chunk,
# not per file. Usage: build/scripts/mutation-run.sh vault tokens ... (a directory under main/core/, or
# one .ts path). Each directory's report: test-results/mutation/mutation-<name>.json; its log, with
# per-chunk durations: run-<name>.log.
set -u
mkdir -p test-results/mutation
limit=${CHUNK_LINES:-500}
for target in "$@"; do
  if [[ "$target" == *.ts ]]; then
    files=("$target"); name=$(basename "$target" .ts)
  else
    name=${target//\//-}
    # Smallest files first: the big ones (each mutant re-running most of a directory's tests) come last,
    # so a session that ends mid-directory has measured as many files as it could.
    mapfile -t files < <(find "main/core/$target" -name '*.ts' ! -name types.ts ! -name httpTypes.ts ! -name vaultRecords.ts -printf '%s %p\n' | sort -n | cut -d' ' -f2-)
  fi
  chunks=(); chunk=''; lines=0
  for f in "${files[@]}"; do
    n=$(wc -l <"$f")
    if [[ -n "$chunk" && $((lines + n)) -gt $limit ]]; then chunks+=("$chunk"); chunk=''; lines=0; fi
    chunk=${chunk:+$chunk,}$f; lines=$((lines + n))
  done
  [[ -n "$chunk" ]] && chunks+=("$chunk")
  log="test-results/mutation/run-$name.log"
  echo "$(date -u +%FT%TZ) start $name (${#files[@]} files, ${#chunks[@]} runs)" >>"$log"
  start=$SECONDS
  for c in "${chunks[@]}"; do
    t=$SECONDS
    STRYKER_JSON="test-results/mutation/mutation-$name.json" nice -n 19 npx stryker run --mutate "$c" >>"$log" 2>&1
    rc=$?
    echo "$(date -u +%FT%TZ) run $c rc=$rc $((SECONDS - t)) s" >>"$log"
  done
  echo "$(date -u +%FT%TZ) done $name $((SECONDS - start)) s" >>"$log"
done
