import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BackendError, setupBackend } from '../../../src/runtime/backend';

// Its own file: a failed wasm initialisation cannot be undone within a process.
describe('setupBackend when wasm cannot load', () => {
  it('auto falls back to cpu and says why; an explicit wasm request fails', async () => {
    const r = await setupBackend('auto', { wasmPaths: '/nonexistent/wasm/' });
    expect(r.backend).toBe('cpu');
    expect(r.reason).toMatch(/^wasm unavailable \(.+\/nonexistent\/wasm\/.+\); fell back to the cpu backend/);
    expect(tf.getBackend()).toBe('cpu');
    const again = setupBackend('wasm', { wasmPaths: '/nonexistent/wasm/' });
    await expect(again).rejects.toThrow(BackendError);
    await expect(again).rejects.toThrow(/already failed to initialise in this session/);
    expect(tf.getBackend()).toBe('cpu');
  });
});
