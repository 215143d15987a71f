import type { IpcMain } from 'electron';
import {
  CHANNEL_NAMES,
  parseRequest,
  type ChannelName,
  type RequestOf,
  type ResponseOf,
} from '../../src/ipc/channels';
import type { BackupFiles } from './backup-files';
import type { CheckpointFiles } from './checkpoint-files';
import type { DatasetFileAccess } from './dataset-files';
import { isSameOrigin } from './window-options';

/** What opening a file gives the renderer (the `project:open` response without its path). */
export type OpenedContent =
  | { text: string; weights: { json: string; bin: Uint8Array<ArrayBuffer> } | null }
  | { bundle: Uint8Array<ArrayBuffer> };

/** A file read for the model importer (`model:open`): its plain name and bytes. */
export interface ModelFile {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** The trained weights a `project:save` request carries. */
export type WeightsToSave = NonNullable<RequestOf<'project:save'>['weights']>;

/** The platform services the channel handlers need (dialogs, files), injected for tests. */
export interface HostServices {
  chooseOpenPath(): Promise<string | null>;
  chooseSavePath(suggested: string | null): Promise<string | null>;
  /** Asks where to save a workshop bundle; null when cancelled. */
  chooseBundlePath(suggested: string): Promise<string | null>;
  /** Reads a chosen file: a project's text with its weights sidecar (null when none), or a bundle's bytes. */
  readOpened(file: string): Promise<OpenedContent>;
  /** Asks for a model.json to import; null when cancelled. */
  chooseModelPath(): Promise<string | null>;
  /** Reads a chosen model.json and the weight files its manifest names beside it (the model.json first). */
  readModel(file: string): Promise<ModelFile[]>;
  writeText(file: string, text: string): Promise<void>;
  /** Writes a project's weights sidecar beside it (each file atomically). */
  writeWeights(projectFile: string, weights: WeightsToSave): Promise<void>;
  writeBytes(file: string, bytes: Uint8Array): Promise<void>;
  appInfo(): { version: string; platform: string };
  /** The crash-recovery backup (a file in the app's data folder). */
  backup: Pick<BackupFiles, 'write' | 'read' | 'clear'>;
  /** The latest training checkpoint of each project (files in the app's data folder). */
  checkpoints: CheckpointFiles;
  /** Whether the previous session ended uncleanly (found at start-up). */
  uncleanExit(): boolean;
  /** Passes the renderer's answer to the window's close guard. */
  replyToClose(proceed: boolean): void;
  /** Files this window may open or save without a dialog (Open Recent, command line). */
  granted?: Set<string>;
  /** Told of every file opened or saved (for Open Recent). */
  fileUsed?(file: string): void;
  /** Told when the renderer has started its session (it now listens for events). */
  sessionBegun?(): void;
  /** Linked dataset files (large imports saved by path); absent: those channels refuse. */
  datasets?: DatasetFileAccess;
}

/** One handler per channel, taking the already validated request. */
export type ChannelHandlers = {
  readonly [C in ChannelName]: (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};

/**
 * The channel handlers. The renderer may only write to paths the user chose in a dialog
 * during this session (opened or saved): any other path opens the save dialog instead,
 * so a compromised page cannot overwrite arbitrary files.
 */
export function createChannelHandlers(services: HostServices): ChannelHandlers {
  const granted = services.granted ?? new Set<string>();
  return {
    'project:open': async () => {
      const file = await services.chooseOpenPath();
      if (file === null) return null;
      const content = await services.readOpened(file);
      // The user chose this project: the dataset files it links may now be read.
      if ('text' in content) services.datasets?.allowProject(content.text);
      granted.add(file);
      services.fileUsed?.(file);
      return { path: file, ...content };
    },
    'project:save': async ({ path, text, weights }) => {
      const target = path !== null && granted.has(path) ? path : await services.chooseSavePath(path);
      if (target === null) return null;
      await services.writeText(target, text);
      if (weights) await services.writeWeights(target, weights);
      granted.add(target);
      services.fileUsed?.(target);
      return { path: target };
    },
    'bundle:save': async ({ name, bytes }) => {
      const target = await services.chooseBundlePath(name);
      if (target === null) return null;
      await services.writeBytes(target, bytes);
      return { path: target };
    },
    'model:open': async () => {
      const file = await services.chooseModelPath();
      return file === null ? null : { files: await services.readModel(file) };
    },
    'app:info': async () => services.appInfo(),
    'backup:write': async ({ text }) => {
      await services.backup.write(text);
      return null;
    },
    'backup:read': async () => {
      const text = await services.backup.read();
      return text === null ? null : { text };
    },
    'backup:clear': async () => {
      await services.backup.clear();
      return null;
    },
    'checkpoint:write': async ({ project, bytes }) => {
      await services.checkpoints.write(project, bytes);
      return null;
    },
    'checkpoint:read': async ({ project }) => {
      const bytes = await services.checkpoints.read(project);
      return bytes === null ? null : { bytes };
    },
    'checkpoint:clear': async ({ project }) => {
      await services.checkpoints.clear(project);
      return null;
    },
    'session:begin': async () => {
      services.sessionBegun?.();
      return { uncleanExit: services.uncleanExit() };
    },
    'dataset:read': async ({ path, root }) => {
      if (!services.datasets) throw new Error('dataset:read: linked dataset files are not available');
      return services.datasets.read(path, root);
    },
    'dataset:locate-folder': async ({ name, root }) => {
      if (!services.datasets)
        throw new Error('dataset:locate-folder: linked dataset files are not available');
      return services.datasets.locateFolder(name, root);
    },
    'dataset:locate': async ({ name }) => {
      if (!services.datasets) throw new Error('dataset:locate: linked dataset files are not available');
      return services.datasets.locate(name);
    },
    'window:close-reply': async ({ proceed }) => {
      services.replyToClose(proceed);
      return null;
    },
  };
}

/** The parts of an invoke event the sender check reads. */
export interface SenderFacts {
  readonly sender: unknown;
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/**
 * True when a message comes from the trusted window's top frame showing our own page
 * (not from another window, a sub-frame, or a page it navigated to).
 */
export function isTrustedSender(event: SenderFacts, trustedContents: unknown, allowedUrl: string): boolean {
  const frame = event.senderFrame;
  return (
    event.sender === trustedContents &&
    frame !== null &&
    frame.parent === null &&
    isSameOrigin(frame.url, allowedUrl)
  );
}

/** Checks the sender and the payload, then runs the channel's handler. Rejects on refusal. */
export async function handleInvoke<C extends ChannelName>(
  channel: C,
  trusted: boolean,
  payload: unknown,
  handlers: ChannelHandlers,
): Promise<ResponseOf<C>> {
  if (!trusted) throw new Error(`${channel}: refused a message from an untrusted sender`);
  const request = parseRequest(channel, payload);
  if (!request.ok) {
    throw new Error(`${channel}: invalid payload at ${request.error.path}: ${request.error.message}`);
  }
  const handler = handlers[channel] as (r: RequestOf<C>) => Promise<ResponseOf<C>>;
  return handler(request.value);
}

/** Registers every contract channel on `ipcMain`. */
export function registerIpcHandlers(
  ipcMain: IpcMain,
  handlers: ChannelHandlers,
  isTrusted: (event: SenderFacts) => boolean,
): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      handleInvoke(channel, isTrusted(event), payload, handlers),
    );
  }
}
