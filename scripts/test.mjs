#!/usr/bin/env node
// `npm test`: set-up, then each suite in turn with its time and counts, then one final
// line `N passed, N failed`. `node scripts/test.mjs unit e2e` runs a subset.
// A suite that crashes without a readable count counts as 1 failed test.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BIN, OUT, ROOT } from './lib/paths.mjs';
import { run, runNode } from './lib/run.mjs';
import { buildWeb, webBuildIsFresh } from './web.mjs';

const RESULTS = path.join(ROOT, '.tmp', 'test-results');
const pass = (ok) => (ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
const add = (a, b) => ({ passed: a.passed + b.passed, failed: a.failed + b.failed });

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Vitest with the JSON reporter to a file (and the default one to the console). */
async function vitest(name, config) {
  const file = path.join(RESULTS, `${name}.json`);
  const args = [
    'run',
    '--config',
    config,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ];
  const code = await runNode(BIN.vitest, args);
  const report = readJson(file);
  if (!report) return pass(false);
  // A file that fails to load has no failed test but a failed status: count it once.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((t) => t.status === 'failed'),
  ).length;
  const counts = { passed: report.numPassedTests ?? 0, failed: (report.numFailedTests ?? 0) + brokenFiles };
  return code !== 0 && counts.failed === 0 ? add(counts, pass(false)) : counts;
}

/** Error text when out/preload holds anything but CommonJS .cjs bundles, else null. */
function preloadProblem() {
  const dir = path.join(OUT, 'preload');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.[cm]?js$/.test(f)) : [];
  if (!files.some((f) => f.endsWith('.cjs'))) return 'no out/preload/*.cjs';
  for (const f of files) {
    const code = readFileSync(path.join(dir, f), 'utf8');
    if (!f.endsWith('.cjs')) return `${f} is not .cjs`;
    if (!/\brequire\(|\bexports\b/.test(code)) return `${f} has no require/exports`;
    if (/^\s*(import|export)\s/m.test(code)) return `${f} has a top-level import/export`;
  }
  return null;
}

async function build() {
  const electron = pass((await runNode(BIN.electronVite, ['build'])) === 0);
  const web = pass((await runNode(BIN.vite, ['build', '--config', 'vite.config.ts'])) === 0);
  const problem = preloadProblem();
  if (problem) console.error(`preload check: ${problem}`);
  else console.log('preload check: out/preload is CommonJS');
  return add(add(electron, web), pass(problem === null));
}

/** Playwright against the built web app and the dev server, counted from its JSON report. */
async function e2e() {
  // Playwright serves dist-web/ as it is (web.mjs --no-build): build it first if stale.
  if (!webBuildIsFresh() && (await buildWeb()) !== 0) return pass(false);
  const file = path.join(RESULTS, 'e2e.json');
  const code = await runNode(BIN.playwright, ['test', '-c', 'playwright.config.ts', '--reporter=list,json'], {
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: file },
  });
  const stats = readJson(file)?.stats;
  if (!stats) return pass(false);
  const errors = readJson(file)?.errors?.length ?? 0;
  const counts = { passed: stats.expected + stats.flaky, failed: stats.unexpected + errors };
  return code !== 0 && counts.failed === 0 ? add(counts, pass(false)) : counts;
}

const SUITES = {
  typecheck: async () => pass((await run('npm', ['run', '--silent', 'typecheck'])) === 0),
  lint: async () => pass((await run('npm', ['run', '--silent', 'lint'])) === 0),
  unit: () => vitest('unit', 'vitest.config.ts'),
  renderer: () => vitest('renderer', 'vitest.renderer.config.ts'),
  build,
  e2e,
};

async function main() {
  const chosen = process.argv.slice(2);
  const unknown = chosen.filter((name) => !(name in SUITES));
  if (unknown.length > 0) {
    console.error(`unknown suite ${unknown.join(', ')}; suites: ${Object.keys(SUITES).join(', ')}`);
    return 2;
  }
  Object.assign(process.env, { LAYERLOOM_LOCALE: 'en', TZ: 'UTC' });
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(RESULTS, { recursive: true });
  const rows = [];
  const setupOk = (await runNode(path.join(ROOT, 'scripts', 'setup.mjs'))) === 0;
  let total = setupOk ? { passed: 0, failed: 0 } : pass(false);
  if (!setupOk) rows.push('setup: failed (see above)');
  for (const name of chosen.length > 0 ? chosen : Object.keys(SUITES)) {
    console.log(`\n=== ${name}`);
    const started = Date.now();
    const counts = await SUITES[name]();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const row = `${name}: ${counts.passed} passed, ${counts.failed} failed (${seconds} s)`;
    console.log(`=== ${row}`);
    rows.push(row);
    total = add(total, counts);
  }
  console.log(`\n${rows.join('\n')}`);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return total.failed > 0 ? 1 : 0;
}

process.exitCode = await main();
