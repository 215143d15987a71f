import { type CliIo, parseArgs, UserError } from './io';
import { exportCommand, importCommand, loadProjectOrModel } from './exchange';
import { summaryJson, summaryText } from './summary';
import { train } from './train';

const USAGE = `usage: layerloom <command> [options]

commands:
  summary <file> [--json]   model summary of a project file (or of a tfjs/Keras model.json)
  export <file> --format pytorch|keras|tfjs-code|tfjs-model -o <path>
                            write the model as PyTorch (with a training script), tf.keras
                            or tfjs code, or as a tfjs model.json (+ <name>.weights.bin)
  import <model.json> -o <project.layerloom>
                            turn a tfjs/Keras model.json into a project; its weights
                            (the .bin files next to it) go to <project>.weights.json/.bin,
                            which export --format tfjs-model and train then use
  train <file> [--epochs N] [--limit N] [--seed S] [--backend wasm|cpu|auto] [--json]
                            train on the project's dataset with its training settings;
                            --limit caps the training examples, --json prints one JSON
                            object per epoch
`;

/** Runs the CLI and returns the exit code; user errors print one line on stderr. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'summary':
        return summary(rest, io);
      case 'train':
        return await train(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'import':
        return importCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UserError(`unknown command '${command}'\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof UserError) {
      io.stderr(`layerloom: ${e.message}\n`);
      return e.exitCode;
    }
    io.stderr(`layerloom: internal error: ${(e as Error).message}\n`);
    return 70;
  }
}

function summary(args: readonly string[], io: CliIo): number {
  const { positional, options } = parseArgs(args, { json: 'switch' });
  const file = positional[0];
  if (!file) throw new UserError('summary needs a file');
  const doc = loadProjectOrModel(file, io);
  const s = summaryJson(doc);
  io.stdout(options.has('json') ? `${JSON.stringify(s)}\n` : summaryText(doc));
  return s.ok ? 0 : 1;
}
