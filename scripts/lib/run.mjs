// Runs a child process and resolves to its exit code (never rejects).
import { spawn } from 'node:child_process';
import { ROOT } from './paths.mjs';

/**
 * Runs `command args` in the repository root. `stdout: 'stderr'` sends the child's
 * standard output to our standard error, keeping our stdout for machine-read lines.
 */
export function run(command, args, { env, stdout = 'inherit', timeoutMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', stdout === 'stderr' ? process.stderr : stdout, 'inherit'],
      shell: process.platform === 'win32' && command === 'npm',
      timeout: timeoutMs,
    });
    child.on('error', (error) => {
      console.error(`${command}: ${error.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Runs a Node script with the current Node binary. */
export function runNode(script, args = [], options = {}) {
  return run(process.execPath, [script, ...args], options);
}
