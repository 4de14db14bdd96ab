#!/usr/bin/env node
// Prints the step summary of scripts/test-all.sh, the reasons of every
// skipped suite (test-results/skips.txt, written by test/helpers/skip.ts and
// e2e), and, as the very last line, "N passed, N failed, N skipped".
//
// Usage: node scripts/summarize-results.mjs STEP=EXIT_CODE ...
// Steps "unit" and "e2e" are test steps whose counts come from their JSON
// reports; any other step counts as 1 failed when its exit code is non-zero.
//
// Counting rules:
//  - unit (Vitest JSON, test-results/unit.json): passed += numPassedTests,
//    failed += numFailedTests, plus 1 per test file that failed without a
//    failed test (e.g. an import error).
//  - e2e (Playwright JSON, test-results/e2e.json): passed += stats.expected +
//    stats.flaky (passed on retry), failed += stats.unexpected, plus 1 if
//    the report has top-level errors but no unexpected test (e.g. webServer
//    did not start). Skipped tests count as neither.
//  - A missing or unreadable report counts as 1 failed.
//  - A test step that exited non-zero while its report shows no failure
//    (e.g. Vitest "No test files found", an unhandled error) counts as 1
//    failed, so "0 failed" always means every step succeeded.
import { readFileSync } from 'node:fs';

const REPORTS = { unit: 'test-results/unit.json', e2e: 'test-results/e2e.json' };

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const count = {
  unit(r) {
    const loadErrors = (r.testResults ?? []).filter(
      (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
    ).length;
    return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + loadErrors, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
  },
  e2e(r) {
    const s = r.stats ?? {};
    const unexpected = s.unexpected ?? 0;
    const globalErrors = (r.errors ?? []).length > 0 && unexpected === 0 ? 1 : 0;
    return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: unexpected + globalErrors, skipped: s.skipped ?? 0 };
  },
};

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
for (const arg of process.argv.slice(2)) {
  const eq = arg.lastIndexOf('=');
  const step = arg.slice(0, eq);
  const rc = Number(arg.slice(eq + 1));
  let note = '';
  if (step in REPORTS) {
    const report = readJson(REPORTS[step]);
    if (report === undefined) {
      failed += 1;
      note = ` (no report at ${REPORTS[step]})`;
    } else {
      const c = count[step](report);
      if (rc !== 0 && c.failed === 0) {
        c.failed = 1;
        note = ' (exited non-zero; counted as 1 failed)';
      }
      passed += c.passed;
      failed += c.failed;
      skipped += c.skipped;
      note = ` ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped${note}`;
    }
  } else if (rc !== 0) {
    failed += 1;
  }
  lines.push(`  ${step.padEnd(10)} ${rc === 0 ? 'ok' : `FAILED (exit ${rc})`}${note ? ' -' + note : ''}`);
}

console.log('\nSummary:');
for (const l of lines) console.log(l);
let skips = [];
try {
  skips = [...new Set(readFileSync('test-results/skips.txt', 'utf8').split('\n').filter(Boolean))];
} catch {
  // No suite was skipped.
}
if (skips.length > 0) {
  console.log('Skipped suites, with the reason:');
  for (const s of skips) console.log(`  ${s}`);
} else if (skipped > 0) console.log('Skipped tests carry their reason in their name.');
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
