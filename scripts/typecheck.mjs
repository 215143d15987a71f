#!/usr/bin/env node
// `npm run typecheck`: tsc over each project with its own libs (the core has no DOM or
// Node types, the worker has WebWorker's...). Runs them all, so one project's errors do
// not hide another's; a project whose folders are still empty is skipped.
import { spawnSync } from 'node:child_process';
import { BIN, ROOT } from './lib/paths.mjs';

const PROJECTS = ['core', 'worker', 'renderer', 'electron', 'cli', 'tests', 'tooling'];

let failed = 0;
for (const project of PROJECTS) {
  const config = `tsconfig.${project}.json`;
  const result = spawnSync(process.execPath, [BIN.tsc, '-p', config, '--pretty', 'false'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`.trim();
  if (result.status === 0) {
    console.log(`typecheck ${project}: ok`);
  } else if (/error TS18003/.test(output) && !/error TS(?!18003)/.test(output)) {
    console.log(`typecheck ${project}: no files yet, skipped`);
  } else {
    failed += 1;
    console.log(`typecheck ${project}: errors\n${output}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
