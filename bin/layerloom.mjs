#!/usr/bin/env node
// The `layerloom` command. Node 20 cannot run TypeScript itself, so the tsx loader
// is registered here and the CLI runs straight from src/ (no build step after npm ci).
import { register } from 'tsx/esm/api';

// Stdout carries results only: anything a library logs (tfjs's notices) goes to stderr.
for (const level of ['log', 'info', 'debug']) console[level] = (...args) => console.error(...args);

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
