import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../../src/project/parse';
import { serializeProject } from '../../../src/project/serialize';
import { validDoc } from './arbitraries';

describe('project round trip (property)', () => {
  it('serialize -> parse returns the same document for 1,000 generated projects', () => {
    fc.assert(
      fc.property(validDoc, fc.string({ minLength: 1, maxLength: 12 }), (doc, version) => {
        const text = serializeProject(doc, version);
        const r = parseProject(text);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.doc).toEqual(doc);
        expect(r.value.fromVersion).toBe(1);
        // Saving what was opened gives the same bytes (stable key order, nothing derived added).
        expect(serializeProject(r.value.doc, version)).toBe(text);
      }),
      { numRuns: 1000, seed: 20240611 },
    );
  });
});
