import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  CHANNEL_METHODS,
  CHANNEL_NAMES,
  EVENT_METHODS,
  EVENT_NAMES,
  PATH_FOR_FILE_METHOD,
} from '../../src/ipc/channel-names';

// One function per contract channel, each forwarding exactly one payload, and one
// subscription per event, forwarding only its payload; the page never sees ipcRenderer
// or the IPC event object. Payloads are validated in the main process, responses and
// events in the renderer host. This file is built as CommonJS (.cjs): a sandboxed
// preload cannot be an ES module.
const api: Record<string, (arg?: unknown) => unknown> = {};
for (const channel of CHANNEL_NAMES) {
  api[CHANNEL_METHODS[channel]] = (payload?: unknown) => ipcRenderer.invoke(channel, payload);
}
for (const event of EVENT_NAMES) {
  api[EVENT_METHODS[event]] = (listener: unknown) => {
    if (typeof listener !== 'function') throw new TypeError(`${event}: the listener must be a function`);
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => void ipcRenderer.removeListener(event, forward);
  };
}
// A picked or dropped File's local path (Electron removed File.path): a local call, no IPC.
// The path only tells the page where the user's own file is; reading it again goes through
// `dataset:read`, which the main process allows only for paths recorded in an opened project.
api[PATH_FOR_FILE_METHOD] = (file: unknown) => {
  try {
    return webUtils.getPathForFile(file as Parameters<typeof webUtils.getPathForFile>[0]);
  } catch {
    return '';
  }
};

contextBridge.exposeInMainWorld('layerloom', Object.freeze(api));
