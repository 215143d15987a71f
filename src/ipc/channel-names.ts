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
  'bundle:save': 'saveBundle',
  'model:open': 'openModel',
  'app:info': 'appInfo',
  'backup:write': 'writeBackup',
  'backup:read': 'readBackup',
  'backup:clear': 'clearBackup',
  'checkpoint:write': 'writeCheckpoint',
  'checkpoint:read': 'readCheckpoint',
  'checkpoint:clear': 'clearCheckpoint',
  'session:begin': 'beginSession',
  'dataset:read': 'readDatasetFile',
  'dataset:locate': 'locateDatasetFile',
  'dataset:locate-folder': 'locateDatasetFolder',
  'window:close-reply': 'replyToClose',
} as const;

/** A channel name (`domain:verb`). */
export type ChannelName = keyof typeof CHANNEL_METHODS;

/** The name under which a channel appears on `window.layerloom`. */
export type ChannelMethod = (typeof CHANNEL_METHODS)[ChannelName];

/** Every channel name, in declaration order. */
export const CHANNEL_NAMES = Object.keys(CHANNEL_METHODS) as ChannelName[];

/**
 * Events the main process sends to the renderer, and the preload method that subscribes
 * to each (`onMenuCommand(listener)` returns an unsubscribe function).
 */
export const EVENT_METHODS = {
  'menu:command': 'onMenuCommand',
  'project:opened': 'onProjectOpened',
  'window:will-close': 'onWillClose',
} as const;

/** An event name (main to renderer). */
export type EventName = keyof typeof EVENT_METHODS;

/** Every event name, in declaration order. */
export const EVENT_NAMES = Object.keys(EVENT_METHODS) as EventName[];

/** The preload's one local (non-IPC) function: a picked File's path, via Electron's webUtils. */
export const PATH_FOR_FILE_METHOD = 'pathForFile';
