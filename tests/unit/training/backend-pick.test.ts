import { describe, expect, it } from 'vitest';
import {
  describePick,
  explicitPick,
  isSoftwareRenderer,
  pickFastest,
  probeCandidates,
  wasmThreadsFor,
  type ProbeResult,
} from '../../../src/training/backend-pick';

const measured = (backend: ProbeResult['backend'], examplesPerSec: number): ProbeResult => ({
  backend,
  kind: 'measured',
  examplesPerSec,
});

describe('pickFastest', () => {
  it('picks the backend with the most examples per second, whatever the order', () => {
    const probe = [measured('webgl', 40), measured('wasm', 1850), measured('webgpu', 900)];
    expect(pickFastest(probe, ['wasm', 'cpu'])).toEqual({ backend: 'wasm', why: 'fastest', probe });
    const reversed = [...probe].reverse();
    expect(pickFastest(reversed, ['wasm', 'cpu']).backend).toBe('wasm');
    expect(pickFastest([measured('webgpu', 9000), measured('wasm', 1850)], ['wasm']).backend).toBe('webgpu');
  });

  it('never picks a skipped backend, and calls a lone measured one the only one', () => {
    const probe: ProbeResult[] = [
      { backend: 'webgl', kind: 'skipped', why: 'software', detail: 'SwiftShader' },
      measured('wasm', 300),
    ];
    expect(pickFastest(probe, ['wasm', 'cpu'])).toMatchObject({ backend: 'wasm', why: 'only' });
  });

  it('falls back to the first fallback when nothing was measured', () => {
    const probe: ProbeResult[] = [
      { backend: 'wasm', kind: 'skipped', why: 'unavailable', detail: 'no file' },
    ];
    expect(pickFastest(probe, ['cpu'])).toEqual({ backend: 'cpu', why: 'fallback', probe });
    expect(() => pickFastest(probe, [])).toThrow(/no fallback/);
  });
});

describe('software renderers', () => {
  it.each([
    'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
    'Google SwiftShader',
    'llvmpipe (LLVM 15.0.6, 256 bits)',
    'Microsoft Basic Render Driver',
  ])('%s is software', (name) => expect(isSoftwareRenderer(name)).toBe(true));

  it.each(['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)', 'Apple M2', 'nvidia ampere'])(
    '%s is a GPU',
    (name) => expect(isSoftwareRenderer(name)).toBe(false),
  );
});

describe('candidates and the user choice', () => {
  it('probes the GPU backends and wasm the environment offers, never cpu', () => {
    expect(probeCandidates(['wasm', 'webgl', 'cpu', 'webgpu'])).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(probeCandidates(['wasm'])).toEqual(['wasm']);
  });

  it('takes an explicit choice as it is, without probing', () => {
    expect(explicitPick('webgl')).toEqual({ backend: 'webgl', why: 'requested', probe: [] });
  });
});

describe('wasm threads', () => {
  const isolated = (hardwareConcurrency: number) => ({ hardwareConcurrency, crossOriginIsolated: true });

  it('uses the single-threaded build where tfjs would give XNNPACK fewer than 2 threads', () => {
    expect(wasmThreadsFor('auto', isolated(2))).toBe(0);
    expect(wasmThreadsFor('auto', isolated(3))).toBe(0);
    expect(wasmThreadsFor('auto', isolated(4))).toBe(2);
    expect(wasmThreadsFor('auto', isolated(16))).toBe(8);
  });

  it('never uses threads outside a cross-origin-isolated page, and honours a requested count', () => {
    expect(wasmThreadsFor('auto', { hardwareConcurrency: 16, crossOriginIsolated: false })).toBe(0);
    expect(wasmThreadsFor(4, { hardwareConcurrency: 16, crossOriginIsolated: false })).toBe(0);
    expect(wasmThreadsFor(1, isolated(2))).toBe(1);
    expect(wasmThreadsFor(0, isolated(16))).toBe(0);
  });
});

describe('describePick', () => {
  it('names the measured rates and the skipped backends', () => {
    const pick = pickFastest(
      [
        measured('wasm', 1850.4),
        measured('webgl', 40),
        { backend: 'webgpu', kind: 'skipped', why: 'unavailable', detail: 'no webgpu device' },
      ],
      ['wasm'],
    );
    expect(describePick(pick)).toBe(
      'fastest of wasm 1,850 ex/s, webgl 40 ex/s; webgpu skipped (no webgpu device)',
    );
    expect(describePick(explicitPick('cpu'))).toBe('chosen in the training settings');
  });
});
