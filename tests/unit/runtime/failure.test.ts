import { describe, expect, it } from 'vitest';
import en from '../../../assets/locales/en.json';
import zh from '../../../assets/locales/zh-CN.json';
import { BackendError } from '../../../src/runtime/backend';
import { PlanError } from '../../../src/runtime/build-model';
import { diagnosticOf, TrainFailure } from '../../../src/runtime/failure';
import { failureMessage, isOutOfMemory } from '../../../src/training/failure-text';

const enTexts = en.trainFailure as Record<string, string>;
const zhTexts = zh.trainFailure as Record<string, string>;

describe('failed diagnostics carry their catalog key and values', () => {
  it('a TrainFailure: its English message is the catalog entry filled in', () => {
    const d = diagnosticOf(
      new TrainFailure('train/data', { key: 'data-load', values: { dataset: 'mnist', error: 'gone' } }),
    );
    expect(d).toEqual({
      code: 'train/data',
      key: 'data-load',
      values: { dataset: 'mnist', error: 'gone' },
      message: "The dataset 'mnist' could not be loaded: gone",
    });
  });

  it('a TrainFailure with plain English text has no key (the UI shows the text)', () => {
    const d = diagnosticOf(new TrainFailure('train/data', 'Something odd', 'n1'));
    expect(d).toEqual({ code: 'train/data', message: 'Something odd', nodeId: 'n1' });
  });

  it('a plan that cannot be built names the layer', () => {
    const d = diagnosticOf(new PlanError({ key: 'plan-order', values: { layer: 'fc', input: 'x' } }, 'n2'));
    expect(d).toMatchObject({ code: 'train/plan', key: 'plan-order', nodeId: 'n2' });
    expect(d.message).toBe("Layer 'fc' reads 'x', which the plan has not built yet");
  });

  it('a backend that cannot start, an out-of-memory error and anything else', () => {
    expect(diagnosticOf(new BackendError('webgl not available'))).toMatchObject({
      code: 'train/backend',
      key: 'backend',
      values: { error: 'webgl not available' },
      message: 'webgl not available',
    });
    const oom = diagnosticOf(new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded'));
    expect(oom).toMatchObject({ code: 'train/out-of-memory', key: 'out-of-memory' });
    expect(oom.message).toMatch(/ran out of memory .* smaller batch size/);
    expect(diagnosticOf('boom')).toMatchObject({
      code: 'train/internal',
      key: 'internal',
      message: 'Training stopped by an internal error: boom',
    });
  });

  it('every catalog entry has a Chinese text with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(enTexts)) {
      expect(zhTexts[key], key).toBeDefined();
      expect(placeholders(zhTexts[key]!), key).toEqual(placeholders(text));
    }
  });

  it('an unknown key gives the key itself as the English text', () => {
    expect(failureMessage({ key: 'no-such-key', values: {} })).toBe('no-such-key');
  });
});

describe('isOutOfMemory', () => {
  it.each([
    ['RangeError: Array buffer allocation failed', true],
    ['WebAssembly.Memory.grow(): Maximum memory size exceeded', true],
    ['Aborted(OOM)', true],
    ['GPU out of memory', true],
    ['Kernel Conv2D not registered', false],
    ['the wasm backend did not initialise', false],
  ])('%s -> %s', (text, expected) => {
    expect(isOutOfMemory(text)).toBe(expected);
  });
});
