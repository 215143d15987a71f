/** Where the CLI writes: stdout carries results only, stderr messages. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * A failure the user caused (bad file, bad flag, invalid graph): printed as one line,
 * never a stack trace. Exit code 2 for bad invocations and files, 1 for a project that
 * cannot be trained.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Parses `--flag value` and `--switch` options after the positional arguments. */
export function parseArgs(
  args: readonly string[],
  spec: Readonly<Record<string, 'value' | 'switch'>>,
): { positional: string[]; options: Map<string, string | true> } {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    const name = a.replace(/^--?/, '');
    const kind = spec[name];
    if (!kind) throw new UserError(`unknown option ${a}`);
    if (kind === 'switch') options.set(name, true);
    else {
      const v = args[++i];
      if (v === undefined) throw new UserError(`option ${a} needs a value`);
      options.set(name, v);
    }
  }
  return { positional, options };
}
