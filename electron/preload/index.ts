import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_METHODS, CHANNEL_NAMES } from '../../src/ipc/channel-names';

// One function per contract channel, each forwarding exactly one payload; the page never
// sees ipcRenderer. Payloads are validated in the main process, responses in the renderer
// host. This file is built as CommonJS (.cjs): a sandboxed preload cannot be an ES module.
const api: Record<string, (payload?: unknown) => Promise<unknown>> = {};
for (const channel of CHANNEL_NAMES) {
  api[CHANNEL_METHODS[channel]] = (payload?: unknown) => ipcRenderer.invoke(channel, payload);
}

contextBridge.exposeInMainWorld('layerloom', Object.freeze(api));
