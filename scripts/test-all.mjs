// Runs every test (lint, type check, unit, browser) and closes with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

mkdirSync('reports', { recursive: true });
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
let passed = 0;
let failed = 0;
const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

if (run('npm', ['run', '--silent', 'lint']) === 0) passed++;
else {
  failed++;
  console.log('lint failed');
}

if (run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) === 0) passed++;
else {
  failed++;
  console.log('type check failed');
}

run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json']);
const unit = read('reports/vitest.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests + (unit.numFailedTestSuites ?? 0);
} else failed++;

if (run('npx', ['vite', 'build', '--mode', 'test']) === 0) {
  run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: 'reports/playwright.json' });
  const e2e = read('reports/playwright.json');
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
  } else failed++;
} else {
  failed++;
  console.log('build failed');
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
