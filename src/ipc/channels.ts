import { z } from 'zod';
import { err, ok, type Result } from '../util/result';
import { CHANNEL_METHODS, type ChannelName } from './channel-names';

export { CHANNEL_METHODS, CHANNEL_NAMES, type ChannelMethod, type ChannelName } from './channel-names';

/** Version of the IPC contract; bump it whenever a channel changes shape. */
export const IPC_VERSION = 1;

/** Longest file path accepted across the boundary. */
export const MAX_PATH_LENGTH = 4096;

/** Largest project text accepted across the boundary, in UTF-16 code units (64 Mi). */
export const MAX_PROJECT_TEXT_LENGTH = 64 * 1024 * 1024;

const filePath = z.string().min(1).max(MAX_PATH_LENGTH);
const projectText = z.string().max(MAX_PROJECT_TEXT_LENGTH);

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
    response: z.strictObject({ path: filePath, text: projectText }).nullable(),
  },
  /**
   * Writes the project atomically. `path: null` (or a path this window was not given by a
   * dialog) asks the user where to save. Returns the written path, or null when cancelled.
   */
  'project:save': {
    request: z.strictObject({ path: filePath.nullable(), text: projectText }),
    response: z.strictObject({ path: filePath }).nullable(),
  },
  /** The application's version and the operating system platform. */
  'app:info': {
    request: z.undefined(),
    response: z.strictObject({ version: z.string().min(1), platform: z.string().min(1) }),
  },
} as const satisfies { readonly [C in ChannelName]: ChannelSpec };

/** The request payload type of a channel. */
export type RequestOf<C extends ChannelName> = z.infer<(typeof channels)[C]['request']>;

/** The response type of a channel. */
export type ResponseOf<C extends ChannelName> = z.infer<(typeof channels)[C]['response']>;

/** Arguments of the preload function for a channel: none when the payload is `undefined`. */
export type RequestArgs<C extends ChannelName> = undefined extends RequestOf<C> ? [] : [RequestOf<C>];

/** The API the preload exposes as `window.layerloom`: one function per channel. */
export type LayerloomApi = {
  readonly [C in ChannelName as (typeof CHANNEL_METHODS)[C]]: (
    ...args: RequestArgs<C>
  ) => Promise<ResponseOf<C>>;
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
