import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// electronegativity over the main process and preload sources plus the renderer's HTML (where
// the CSP lives). Its exit code is 0 even with findings, so the report is read instead.
// A MEDIUM or HIGH finding fails unless the code says why it is fine, within the three lines
// above the reported line (or on it):
//   // electronegativity-ignore: CHECK_NAME[, OTHER_CHECK] -- the reason
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = path.join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  }
).version;
const ANNOTATION = /electronegativity-ignore:\s*([A-Z_]+(?:\s*,\s*[A-Z_]+)*)\s*--\s*(\S.{9,})/;
/** A file with a known misconfiguration: proves the scanner ran and found things. */
const CANARY =
  "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true } });\n";

interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  sample: string;
}

/** Parses electronegativity's CSV (quoted fields with "" escapes; N/A unquoted). */
function parseReport(csv: string): Finding[] {
  const rows = csv
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '');
  return rows.map((row) => {
    const fields = [...row.matchAll(/"((?:[^"]|"")*)"|([^,]*)/g)]
      .filter((m) => m[0] !== '' || m.index === 0)
      .map((m) => (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!));
    const [check = '', severity = '', confidence = '', file = '', location = '0:0', sample = ''] = fields;
    return { check, severity, confidence, file, line: Number(location.split(':')[0]), sample };
  });
}

let dir: string;
let scanRoot: string;
let output = '';
let findings: Finding[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'layerloom-eng-'));
  const scan = (scanRoot = path.join(dir, 'scan'));
  cpSync(path.join(ROOT, 'electron'), path.join(scan, 'electron'), { recursive: true });
  mkdirSync(path.join(scan, 'renderer'), { recursive: true });
  cpSync(path.join(ROOT, 'renderer/index.html'), path.join(scan, 'renderer/index.html'));
  // The built pages too, where a build exists (a fresh clone runs unit tests before the build).
  for (const built of ['out/renderer/index.html', 'dist-web/index.html']) {
    const file = path.join(ROOT, built);
    if (existsSync(file)) cpSync(file, path.join(scan, 'built', built.replace(/\//g, '-')));
  }
  mkdirSync(path.join(scan, 'canary'));
  writeFileSync(path.join(scan, 'canary/bad.js'), CANARY);
  const report = path.join(dir, 'report.csv');
  const args = [BIN, '-i', scan, '-e', ELECTRON_VERSION, '-o', report, '-v', 'false', '-r'];
  output = await new Promise<string>((resolve) => {
    execFile(process.execPath, args, { cwd: dir, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve(`${stdout}${stderr}${error ? `\n${error.message}` : ''}`),
    );
  });
  findings = existsSync(report) ? parseReport(readFileSync(report, 'utf8')) : [];
}, 150_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** True when the finding's line, or one of the three above it, names its check with a reason. */
function annotated(f: Finding): boolean {
  if (f.file === 'N/A' || !existsSync(path.join(scanRoot, f.file))) return false;
  const lines = readFileSync(path.join(scanRoot, f.file), 'utf8').split('\n');
  return lines.slice(Math.max(0, f.line - 4), f.line).some((line) => {
    const m = ANNOTATION.exec(line);
    return m !== null && m[1]!.split(/\s*,\s*/).includes(f.check);
  });
}

describe('electronegativity', () => {
  it('parses every file (no "Error parsing")', () => {
    expect(output).not.toMatch(/Error parsing/);
  });

  it('ran: the report exists and flags the canary', () => {
    expect(findings.some((f) => f.check === 'NODE_INTEGRATION_JS_CHECK' && f.file.startsWith('canary'))).toBe(
      true,
    );
  });

  it('has no MEDIUM or HIGH finding that the code does not explain', () => {
    const open = findings
      .filter((f) => !f.file.startsWith('canary'))
      .filter((f) => ['MEDIUM', 'HIGH', 'CRITICAL'].includes(f.severity))
      .filter((f) => !annotated(f))
      .map((f) => `${f.check} (${f.severity}) ${f.file}:${f.line} ${f.sample}`);
    expect(open).toEqual([]);
  });
});
