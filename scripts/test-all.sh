#!/usr/bin/env bash
# `npm test`: system deps, then typecheck, lint, unit, build, e2e. Every step
# runs even if an earlier one failed; the last line is "N passed, N failed, N skipped"
# (see scripts/summarize-results.mjs). Exits 1 if anything failed.
set -u
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

# Stale reports must not be mistaken for this run's results.
rm -f test-results/unit.json test-results/e2e.json test-results/skips.txt
mkdir -p test-results

results=()
step() { # step NAME COMMAND...
  local name="$1"; shift
  echo
  echo "=== $name: $*"
  "$@" </dev/null
  local rc=$?
  results+=("$name=$rc")
  echo "=== $name: $([[ $rc -eq 0 ]] && echo ok || echo "FAILED (exit $rc)")"
}

step system-deps bash scripts/system-deps.sh
step typecheck npm run --silent typecheck
step lint npm run --silent lint
step unit vitest run --reporter=default --reporter=json --outputFile=test-results/unit.json
step build vite build
step e2e playwright test

status=0
for r in "${results[@]}"; do [[ "${r##*=}" == 0 ]] || status=1; done

if ! node scripts/summarize-results.mjs "${results[@]}"; then
  echo "summarize-results failed"
  echo "0 passed, 1 failed, 0 skipped"
  status=1
fi
exit "$status"
