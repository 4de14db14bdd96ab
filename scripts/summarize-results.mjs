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

// The names of failed tests, with the first line of their message: CI shows only the tail
// of its log, so a failure must be named here, next to the counts.
const failures = [];
const firstLine = (m) => String(m ?? '').replace(new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g'), '').split('\n').find((l) => l.trim()) ?? '';
const cut = (t) => (t.length > 200 ? t.slice(0, 199) + '…' : t);
const collect = {
  unit(r) {
    for (const f of r.testResults ?? []) {
      const file = String(f.name ?? '').replace(process.cwd() + '/', '');
      const failedTests = (f.assertionResults ?? []).filter((a) => a.status === 'failed');
      for (const a of failedTests) failures.push(`unit ${file} › ${a.fullName ?? a.title}: ${cut(firstLine((a.failureMessages ?? [])[0]))}`);
      if (f.status === 'failed' && failedTests.length === 0) failures.push(`unit ${file}: ${cut(firstLine(f.message))}`);
    }
  },
  e2e(r) {
    const walk = (suite, path) => {
      for (const spec of suite.specs ?? []) {
        for (const t of spec.tests ?? []) {
          if (t.status !== 'unexpected') continue;
          const err = (t.results ?? []).map((x) => x.error?.message).find(Boolean);
          failures.push(`e2e ${spec.file}:${spec.line} › ${[...path, spec.title].join(' › ')}: ${cut(firstLine(err))}`);
        }
      }
      for (const s of suite.suites ?? []) walk(s, s.title && !s.title.endsWith('.ts') ? [...path, s.title] : path);
    };
    for (const s of r.suites ?? []) walk(s, []);
    for (const e of r.errors ?? []) failures.push(`e2e: ${cut(firstLine(e.message))}`);
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
      collect[step](report);
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
if (failures.length > 0) {
  console.log('Failed:');
  for (const f of failures) console.log(`  ${f}`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
