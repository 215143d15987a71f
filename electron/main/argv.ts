import path from 'node:path';

/** File name endings the shell opens as projects. */
export const PROJECT_EXTENSIONS = ['.layerloom', '.json', '.layerloom-bundle'] as const;

/**
 * The project files named on a command line (a double-click on a .layerloom file, or a
 * second instance forwarding its arguments). Skips the executable, the app path of an
 * unpackaged run (`electron .`), switches (`--flag`, which Chromium also appends) and
 * anything without a project extension; relative paths are resolved against `cwd`.
 */
export function projectFilesFromArgv(argv: readonly string[], cwd: string, packaged: boolean): string[] {
  const args = argv.slice(packaged ? 1 : 2);
  const files: string[] = [];
  for (const arg of args) {
    if (arg === '' || arg.startsWith('-')) continue;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) continue; // URLs (file://, app://) are not files
    const lower = arg.toLowerCase();
    if (!PROJECT_EXTENSIONS.some((ext) => lower.endsWith(ext))) continue;
    const file = path.resolve(cwd, arg);
    if (!files.includes(file)) files.push(file);
  }
  return files;
}
