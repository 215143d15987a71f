/**
 * The IPC channel names and the preload method each one becomes.
 *
 * Kept apart from the validators in `channels.ts` so that the sandboxed preload can
 * import the names without bundling zod. `channels.ts` is typed against this map, so
 * the two cannot drift apart.
 */
export const CHANNEL_METHODS = {
  'project:open': 'openProject',
  'project:save': 'saveProject',
  'app:info': 'appInfo',
} as const;

/** A channel name (`domain:verb`). */
export type ChannelName = keyof typeof CHANNEL_METHODS;

/** The name under which a channel appears on `window.layerloom`. */
export type ChannelMethod = (typeof CHANNEL_METHODS)[ChannelName];

/** Every channel name, in declaration order. */
export const CHANNEL_NAMES = Object.keys(CHANNEL_METHODS) as ChannelName[];
