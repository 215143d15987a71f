import { describe, expect, it } from 'vitest';
import {
  CHANNEL_METHODS,
  CHANNEL_NAMES,
  channels,
  isChannelName,
  MAX_PROJECT_TEXT_LENGTH,
  parseRequest,
  parseResponse,
} from '../../../src/ipc/channels';

describe('the channel map', () => {
  it('has validators for exactly the named channels, named domain:verb', () => {
    expect(Object.keys(channels).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const name of CHANNEL_NAMES) expect(name).toMatch(/^[a-z]+:[a-z-]+$/);
    expect(new Set(Object.values(CHANNEL_METHODS)).size).toBe(CHANNEL_NAMES.length);
  });

  it('recognises channel names only', () => {
    expect(isChannelName('project:save')).toBe(true);
    expect(isChannelName('toString')).toBe(false);
    expect(isChannelName('__proto__')).toBe(false);
    expect(isChannelName(42)).toBe(false);
  });
});

describe('request validators', () => {
  it.each([
    ['project:open', undefined],
    ['model:open', undefined],
    ['app:info', undefined],
    ['project:save', { path: null, text: '{}' }],
    ['project:save', { path: '/home/u/m.layerloom.json', text: '' }],
  ] as const)('accepts %s %j', (channel, payload) => {
    expect(parseRequest(channel, payload).ok).toBe(true);
  });

  it.each([
    ['project:open', { path: '/etc/passwd' }, '$'],
    ['model:open', { path: '/etc/passwd' }, '$'],
    ['app:info', 'x', '$'],
    ['project:save', undefined, '$'],
    ['project:save', { text: '{}' }, '$.path'],
    ['project:save', { path: '', text: '{}' }, '$.path'],
    ['project:save', { path: 7, text: '{}' }, '$.path'],
    ['project:save', { path: null, text: 5 }, '$.text'],
    ['project:save', { path: null, text: '{}', extra: true }, '$'],
    ['project:save', { path: 'a'.repeat(5000), text: '{}' }, '$.path'],
  ] as const)('refuses %s %j at %s', (channel, payload, where) => {
    const result = parseRequest(channel, payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.channel).toBe(channel);
      expect(result.error.path).toBe(where);
      expect(result.error.message).not.toBe('');
    }
  });

  it('refuses a project text over the size limit', () => {
    const text = 'x'.repeat(MAX_PROJECT_TEXT_LENGTH + 1);
    expect(parseRequest('project:save', { path: null, text }).ok).toBe(false);
  });
});

describe('response validators', () => {
  it('accepts the documented shapes', () => {
    expect(parseResponse('project:open', null).ok).toBe(true);
    expect(parseResponse('project:open', { path: '/a.json', text: '{}' }).ok).toBe(true);
    expect(parseResponse('project:save', { path: '/a.json' }).ok).toBe(true);
    const sidecar = { json: '{}', bin: new Uint8Array(4) };
    expect(parseResponse('project:open', { path: '/a.json', text: '{}', weights: sidecar }).ok).toBe(true);
    expect(parseResponse('project:open', { path: '/a.json', text: '{}', weights: null }).ok).toBe(true);
    expect(parseResponse('project:open', { path: '/a.b', bundle: new Uint8Array(2) }).ok).toBe(true);
    expect(parseResponse('bundle:save', { path: '/a.b' }).ok).toBe(true);
    expect(parseResponse('model:open', null).ok).toBe(true);
    const model = { name: 'model.json', bytes: new Uint8Array(2) };
    const bin = { name: 'group1-shard1of1.bin', bytes: new Uint8Array(8) };
    expect(parseResponse('model:open', { files: [model, bin] }).ok).toBe(true);
    expect(parseResponse('app:info', { version: '0.1.0', platform: 'linux' }).ok).toBe(true);
  });

  it('refuses anything else', () => {
    expect(parseResponse('project:open', { path: '/a.json' }).ok).toBe(false);
    // A bundle and a text together, or a sidecar whose bytes are not bytes, break the contract.
    expect(parseResponse('project:open', { path: '/a', text: '{}', bundle: new Uint8Array(1) }).ok).toBe(
      false,
    );
    expect(
      parseResponse('project:open', { path: '/a', text: '{}', weights: { json: '{}', bin: [1] } }).ok,
    ).toBe(false);
    expect(parseResponse('project:save', undefined).ok).toBe(false);
    // A model answer carries at least the model.json, each file named and as bytes.
    expect(parseResponse('model:open', { files: [] }).ok).toBe(false);
    expect(parseResponse('model:open', { files: [{ name: '', bytes: new Uint8Array(1) }] }).ok).toBe(false);
    expect(parseResponse('model:open', { files: [{ name: 'model.json', bytes: 'x' }] }).ok).toBe(false);
    expect(
      parseResponse('model:open', { files: [{ name: 'm.json', bytes: new Uint8Array(1) }], path: '/a' }).ok,
    ).toBe(false);
    expect(parseResponse('app:info', { version: '', platform: 'linux' }).ok).toBe(false);
  });
});
