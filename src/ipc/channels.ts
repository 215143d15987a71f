import { z } from 'zod';
import { MAX_BUNDLE_BYTES } from '../project/bundle';
import { err, ok, type Result } from '../util/result';
import { CHANNEL_METHODS, EVENT_METHODS, type ChannelName, type EventName } from './channel-names';

export {
  CHANNEL_METHODS,
  CHANNEL_NAMES,
  EVENT_METHODS,
  EVENT_NAMES,
  PATH_FOR_FILE_METHOD,
  type ChannelMethod,
  type ChannelName,
  type EventName,
} from './channel-names';

/** Version of the IPC contract; bump it whenever a channel changes shape. */
export const IPC_VERSION = 7;

/** Longest file path accepted across the boundary. */
export const MAX_PATH_LENGTH = 4096;

/** Largest training checkpoint accepted across the boundary, in bytes (1 GiB). */
export const MAX_CHECKPOINT_BYTES = 1024 * 1024 * 1024;

/** Largest project text accepted across the boundary, in UTF-16 code units (64 Mi). */
export const MAX_PROJECT_TEXT_LENGTH = 64 * 1024 * 1024;

/** Largest trained-weights file (`.weights.bin`) accepted across the boundary, in bytes (1 GiB). */
export const MAX_WEIGHTS_BYTES = 1024 * 1024 * 1024;

/** Largest weights sidecar JSON text accepted across the boundary, in UTF-16 code units (16 Mi). */
export const MAX_WEIGHTS_JSON_LENGTH = 16 * 1024 * 1024;

/** Most files (the model.json and its weight files) one `model:open` answer may carry. */
export const MAX_MODEL_FILES = 1024;

/** Largest linked dataset file read across the boundary, in bytes (2 GiB). */
export const MAX_DATASET_FILE_BYTES = 2 * 1024 * 1024 * 1024;

/** Largest workshop bundle accepted across the boundary (the bundle format's own limit, 1 GiB). */
export { MAX_BUNDLE_BYTES };

const filePath = z.string().min(1).max(MAX_PATH_LENGTH);
const projectText = z.string().max(MAX_PROJECT_TEXT_LENGTH);
/** Which project a checkpoint belongs to: its file path, or a name for an unsaved one. */
const projectKey = z.string().min(1).max(MAX_PATH_LENGTH);
const checkpointBytes = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength <= MAX_CHECKPOINT_BYTES, 'the checkpoint is too large');

const weightsBin = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength <= MAX_WEIGHTS_BYTES, 'the weights are too large');
const elements = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/**
 * Trained weights the renderer asks to save beside the project: the plan hash they fit,
 * each float32 tensor's name and shape in file order, and their values back to back.
 */
const weightsToSave = z
  .strictObject({
    planHash: z.string().min(1).max(128),
    specs: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(512),
          shape: z
            .array(
              z
                .number()
                .int()
                .min(0)
                .max(2 ** 31),
            )
            .max(8),
        }),
      )
      .max(100_000),
    bin: weightsBin,
  })
  .refine(
    (w) => w.specs.reduce((n, s) => n + elements(s.shape) * 4, 0) === w.bin.byteLength,
    'the weight values do not match their shapes',
  );

/** A weights sidecar as read from disk (`<project>.weights.json` and `.weights.bin`), checked by the renderer. */
const sidecarFiles = z.strictObject({
  json: z.string().max(MAX_WEIGHTS_JSON_LENGTH),
  bin: weightsBin,
});

const bundleBytes = z
  .instanceof(Uint8Array)
  .refine((b) => b.byteLength <= MAX_BUNDLE_BYTES, 'the bundle is too large');

/**
 * A file the main process opened: a project's text (with its weights sidecar when one lies
 * beside it, null when none does) or a workshop bundle's bytes.
 */
const openedFile = z.union([
  z.strictObject({ path: filePath, text: projectText, weights: sidecarFiles.nullable().optional() }),
  z.strictObject({ path: filePath, bundle: bundleBytes }),
]);

/** A file read for the model importer: its plain name and bytes (a model.json, or a weights file). */
const modelFile = z.strictObject({
  name: z.string().min(1).max(255),
  bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_WEIGHTS_BYTES, 'the file is too large'),
});

/** A linked dataset file as the main process read it: its bytes and their SHA-256 (lowercase hex). */
const datasetFile = z.strictObject({
  bytes: z
    .instanceof(Uint8Array)
    .refine((b) => b.byteLength <= MAX_DATASET_FILE_BYTES, 'the file is too large'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** What one channel carries: the request payload and the response, each with its validator. */
export interface ChannelSpec {
  readonly request: z.ZodType;
  readonly response: z.ZodType;
}

/**
 * The channel map: one entry per channel, request and response validators.
 * Requests are checked in the main process, responses in the renderer host.
 * Channels without a payload take `undefined`.
 */
export const channels = {
  /** Shows an open dialog; the chosen file's path and text, or null when cancelled. */
  'project:open': {
    request: z.undefined(),
    response: openedFile.nullable(),
  },
  /**
   * Writes the project atomically. `path: null` (or a path this window was not given by a
   * dialog) asks the user where to save. With `weights`, also writes the weights sidecar
   * (`<file>.weights.bin`, then `<file>.weights.json`, each atomically). Returns the written
   * path, or null when cancelled.
   */
  'project:save': {
    request: z.strictObject({
      path: filePath.nullable(),
      text: projectText,
      weights: weightsToSave.optional(),
    }),
    response: z.strictObject({ path: filePath }).nullable(),
  },
  /** Asks where to save a workshop bundle (suggesting `name`) and writes it atomically; null when cancelled. */
  'bundle:save': {
    request: z.strictObject({ name: z.string().min(1).max(255), bytes: bundleBytes }),
    response: z.strictObject({ path: filePath }).nullable(),
  },
  /**
   * Shows an open dialog for a tfjs/Keras model.json; its bytes and those of the weight files
   * its manifest names that lie beside it (the model.json first), or null when cancelled.
   */
  'model:open': {
    request: z.undefined(),
    response: z.strictObject({ files: z.array(modelFile).min(1).max(MAX_MODEL_FILES) }).nullable(),
  },
  /** The application's version and the operating system platform. */
  'app:info': {
    request: z.undefined(),
    response: z.strictObject({ version: z.string().min(1), platform: z.string().min(1) }),
  },
  /** Stores the crash-recovery backup of the open document (atomically, in the app's data folder). */
  'backup:write': {
    request: z.strictObject({ text: projectText }),
    response: z.null(),
  },
  /** The backup's text, or null when there is none. */
  'backup:read': {
    request: z.undefined(),
    response: z.strictObject({ text: projectText }).nullable(),
  },
  /** Deletes the backup (after a save, a discard or a clean close). */
  'backup:clear': {
    request: z.undefined(),
    response: z.null(),
  },
  /**
   * Stores the latest training checkpoint of a project (atomically, one file per project in
   * the app's data folder), replacing the one before. `bytes` is an encoded run checkpoint.
   */
  'checkpoint:write': {
    request: z.strictObject({ project: projectKey, bytes: checkpointBytes }),
    response: z.null(),
  },
  /** The project's stored checkpoint, or null when there is none. */
  'checkpoint:read': {
    request: z.strictObject({ project: projectKey }),
    response: z.strictObject({ bytes: checkpointBytes }).nullable(),
  },
  /** Deletes the project's checkpoint (its run finished, or the user discarded it). */
  'checkpoint:clear': {
    request: z.strictObject({ project: projectKey }),
    response: z.null(),
  },
  /** Whether the previous session ended without a clean quit (so a backup may be worth restoring). */
  'session:begin': {
    request: z.undefined(),
    response: z.strictObject({ uncleanExit: z.boolean() }),
  },
  /**
   * Reads a linked dataset file (a large import saved by path). Only paths recorded in a
   * project the user opened, or located in `dataset:locate`, are read; any other is refused.
   * Null when no file is there any more.
   */
  'dataset:read': {
    /** With `root`: `path` is a file's '/'-separated path under that linked image folder. */
    request: z.strictObject({ path: filePath, root: filePath.optional() }),
    response: datasetFile.nullable(),
  },
  /** Asks the user where a linked dataset file (by its name) is now; the chosen file read, or null when cancelled. */
  'dataset:locate': {
    request: z.strictObject({ name: z.string().min(1).max(255) }),
    response: datasetFile.extend({ path: filePath }).nullable(),
  },
  /**
   * Asks the user where a linked image folder (by its name) is now. The chosen folder may then
   * be read for the same files `root` (the recorded root of an opened project) allowed; null
   * when cancelled.
   */
  'dataset:locate-folder': {
    request: z.strictObject({ name: z.string().min(1).max(255), root: filePath }),
    response: z.strictObject({ path: filePath }).nullable(),
  },
  /** The renderer's answer to `window:will-close`: close now, or stay open. */
  'window:close-reply': {
    request: z.strictObject({ proceed: z.boolean() }),
    response: z.null(),
  },
} as const satisfies { readonly [C in ChannelName]: ChannelSpec };

/** The commands of the native menu that the renderer carries out. */
export const MENU_COMMANDS = [
  'new',
  'open',
  'save',
  'save-as',
  'export',
  'export-bundle',
  'import-model',
  'undo',
  'redo',
  'toggle-theme',
  'fit',
  'train',
  'stop',
  'about',
] as const;

/** One menu command. */
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** Payload validators of the events the main process sends (checked by the renderer host). */
export const events = {
  /** A native menu item was chosen. */
  'menu:command': z.strictObject({ command: z.enum(MENU_COMMANDS) }),
  /** A project file the main process opened (Open Recent, a file passed on the command line). */
  'project:opened': openedFile,
  /** The user asked to close the window: answer on `window:close-reply`. */
  'window:will-close': z.undefined(),
} as const satisfies { readonly [E in EventName]: z.ZodType };

/** The payload type of an event. */
export type EventOf<E extends EventName> = z.infer<(typeof events)[E]>;

/** Validates an event payload (done by the renderer host). */
export function parseEvent<E extends EventName>(event: E, value: unknown): Result<EventOf<E>, PayloadError> {
  return check(event, events[event], value) as Result<EventOf<E>, PayloadError>;
}

/** The request payload type of a channel. */
export type RequestOf<C extends ChannelName> = z.infer<(typeof channels)[C]['request']>;

/** The response type of a channel. */
export type ResponseOf<C extends ChannelName> = z.infer<(typeof channels)[C]['response']>;

/** Arguments of the preload function for a channel: none when the payload is `undefined`. */
export type RequestArgs<C extends ChannelName> = undefined extends RequestOf<C> ? [] : [RequestOf<C>];

/**
 * The API the preload exposes as `window.layerloom`: one function per channel and per event,
 * and `pathForFile`, the local path of a picked or dropped File (Electron's
 * `webUtils.getPathForFile`; '' when it has none). Optional: a preload before IPC version 6 lacks it.
 */
export type LayerloomApi = {
  readonly [C in ChannelName as (typeof CHANNEL_METHODS)[C]]: (
    ...args: RequestArgs<C>
  ) => Promise<ResponseOf<C>>;
} & LayerloomEvents & { readonly pathForFile?: (file: unknown) => string };

/** The event subscriptions on `window.layerloom`: each returns its unsubscribe function. */
export type LayerloomEvents = {
  readonly [E in EventName as (typeof EVENT_METHODS)[E]]: (
    listener: (payload: EventOf<E>) => void,
  ) => () => void;
};

/** Why a payload was refused: the JSON path of the first problem and a message. */
export interface PayloadError {
  readonly channel: string;
  readonly path: string;
  readonly message: string;
}

function check(channel: string, schema: z.ZodType, value: unknown): Result<unknown, PayloadError> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const path = issue ? ['$', ...issue.path.map(String)].join('.') : '$';
  return err({ channel, path, message: issue?.message ?? 'invalid payload' });
}

/** True when `name` is one of the contract's channels. */
export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(CHANNEL_METHODS, name);
}

/** Validates a request payload for `channel` (done by the main process). */
export function parseRequest<C extends ChannelName>(
  channel: C,
  payload: unknown,
): Result<RequestOf<C>, PayloadError> {
  return check(channel, channels[channel].request, payload) as Result<RequestOf<C>, PayloadError>;
}

/** Validates a response for `channel` (done by the renderer host). */
export function parseResponse<C extends ChannelName>(
  channel: C,
  value: unknown,
): Result<ResponseOf<C>, PayloadError> {
  return check(channel, channels[channel].response, value) as Result<ResponseOf<C>, PayloadError>;
}
