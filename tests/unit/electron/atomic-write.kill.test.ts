import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A child Node process saves a 5 MB project over and over with writeFileAtomic; the parent
// kills it with SIGKILL at random moments and checks the file is always one whole version.
const KILLS = 200;
const SIZE = 5 * 1024 * 1024;
/** Version k: a rotating alphabet (neighbouring versions differ in every byte) and its own length. */
const CHILD = `
import { appendFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-write.mjs';
const [target, log, first] = process.argv.slice(2);
const base = Buffer.alloc(${SIZE} + 3000 + 26, 0);
for (let i = 0; i < base.length; i++) base[i] = 97 + (i % 26);
const version = (k) => base.subarray(k % 26, (k % 26) + ${SIZE} + (k % 3) * 1000);
process.stdout.write('ready\\n');
for (let k = Number(first); ; k++) {
  appendFileSync(log, 'b ' + k + '\\n');
  await writeFileAtomic(target, version(k));
  appendFileSync(log, 'e ' + k + '\\n');
}
`;

const base = Buffer.alloc(SIZE + 3000 + 26);
for (let i = 0; i < base.length; i++) base[i] = 97 + (i % 26);
const version = (k: number): Buffer => base.subarray(k % 26, (k % 26) + SIZE + (k % 3) * 1000);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'layerloom-kill-'));
  const source = await readFile(new URL('../../../electron/main/atomic-write.ts', import.meta.url), 'utf8');
  const js = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  await writeFile(path.join(dir, 'atomic-write.mjs'), js);
  await writeFile(path.join(dir, 'child.mjs'), CHILD);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The last begun and last finished version numbers in the child's log. */
function lastMarks(log: string): { begun: number; ended: number } {
  let begun = -1;
  let ended = -1;
  for (const line of log.split('\n')) {
    const [mark, k] = line.split(' ');
    if (mark === 'b') begun = Number(k);
    if (mark === 'e') ended = Number(k);
  }
  return { begun, ended };
}

/** Starts a child that saves versions from `first` on, waits until it runs, kills it after `delayMs`. */
async function saveAndKill(target: string, log: string, first: number, delayMs: number): Promise<void> {
  const child = spawn(process.execPath, [path.join(dir, 'child.mjs'), target, log, String(first)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  await once(child.stdout, 'data');
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
}

describe.skipIf(process.platform === 'win32')('writeFileAtomic under SIGKILL', () => {
  it(`leaves a whole old or new version after each of ${KILLS} kills`, async () => {
    const target = path.join(dir, 'big.layerloom');
    const log = path.join(dir, 'log.txt');
    await writeFile(target, version(0));
    await writeFile(log, 'e 0\n');
    let midWrite = 0;
    let tempLeft = 0;
    let newVersionSeen = 0;
    const started = Date.now();
    for (let kill = 0; kill < KILLS; kill++) {
      const before = lastMarks(await readFile(log, 'utf8'));
      await saveAndKill(target, log, before.begun + 1, Math.random() * 40);
      const { begun, ended } = lastMarks(await readFile(log, 'utf8'));
      const bytes = await readFile(target);
      const allowed = begun > ended ? [ended, begun] : [ended];
      const match = allowed.find((k) => version(k).equals(bytes));
      expect(
        match,
        `kill ${kill}: file is ${bytes.length} bytes, not version ${allowed.join(' or ')}`,
      ).toBeDefined();
      if (begun > ended) {
        midWrite += 1;
        if (match === begun) newVersionSeen += 1;
      }
      // The file now holds version `match`: the next child continues from there.
      await appendFile(log, `b ${match}\ne ${match}\n`);
      const temps = (await readdir(dir)).filter((f) => f.endsWith('.tmp'));
      tempLeft += temps.length > 0 ? 1 : 0;
      await Promise.all(temps.map((f) => rm(path.join(dir, f))));
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `SIGKILL: ${KILLS} kills in ${seconds} s; ${midWrite} inside writeFileAtomic ` +
        `(${tempLeft} left a temp file behind, ${newVersionSeen} after the rename), all whole versions`,
    );
    // The delays are chosen so that most kills land inside a write; a run with none proves nothing.
    expect(midWrite).toBeGreaterThan(KILLS / 4);
  }, 120_000);
});
