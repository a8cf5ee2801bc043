// Prints "N passed, N failed" from vitest's JSON report (never from vitest's own summary) and exits
// non-zero when anything failed. A failed CI step that is not a test counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const [reportPath, stepFailuresArg = '0', stepNames = ''] = process.argv.slice(2);
const stepFailures = Number(stepFailuresArg) || 0;
let passed = 0;
let failed = 0;

if (existsSync(reportPath)) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  for (const file of report.testResults ?? []) {
    let fileFailures = 0;
    for (const assertion of file.assertionResults ?? []) {
      if (assertion.status === 'passed') passed++;
      else if (assertion.status === 'failed') fileFailures++;
    }
    // A file that failed to load or whose hooks failed has no failed assertion of its own.
    if (file.status === 'failed' && fileFailures === 0) fileFailures = 1;
    failed += fileFailures;
  }
} else {
  console.log(`no test report at ${reportPath}`);
}

if (stepFailures > 0) console.log(`failed CI steps: ${stepNames}`);
failed += stepFailures;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
