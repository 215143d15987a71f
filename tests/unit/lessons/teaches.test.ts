import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYER_SPECS } from '../../../src/layers/registry';
import { parseLesson } from '../../../src/lessons/parse';
import type { Lesson } from '../../../src/lessons/schema';
import { lessonsTeaching } from '../../../src/lessons/teaches';

const lessonsDir = new URL('../../../assets/lessons/', import.meta.url);

function raw(id: string, order: number, teaches?: string[]): Record<string, unknown> {
  return {
    format: 'layerloom-lesson',
    version: 1,
    id,
    order,
    title: `lesson.${id}.title`,
    summary: `lesson.${id}.summary`,
    project: 'lenet',
    ...(teaches ? { teaches } : {}),
    steps: [{ title: `lesson.${id}.s.title`, text: `lesson.${id}.s.text` }],
  };
}

function lesson(id: string, order: number, teaches?: string[]): Lesson {
  const r = parseLesson(raw(id, order, teaches), `${id}.json`);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('lessonsTeaching', () => {
  const lessons = [
    lesson('late', 9, ['dropout', 'batch-norm']),
    lesson('old-file', 0),
    lesson('early', 2, ['batch-norm']),
    lesson('act', 5, ['activation']),
  ];

  it('returns the lessons naming the kind, in gallery order', () => {
    expect(lessonsTeaching(lessons, 'batch-norm').map((l) => l.id)).toEqual(['early', 'late']);
    expect(lessonsTeaching(lessons, 'dropout').map((l) => l.id)).toEqual(['late']);
    expect(lessonsTeaching(lessons, 'activation').map((l) => l.id)).toEqual(['act']);
  });

  it('gives nothing for a kind no lesson teaches, and ignores lessons without the field', () => {
    expect(lessonsTeaching(lessons, 'dense')).toEqual([]);
    expect(lessonsTeaching([lesson('old-file', 0)], 'batch-norm')).toEqual([]);
  });

  it('refuses a teaches entry that is not a kind id, naming the JSON path', () => {
    const r = parseLesson(raw('bad', 1, ['Batch Norm']), 'bad.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.path).toBe('teaches[0]');
  });

  it('maps the bundled lessons: batch norm to the BN lessons, dropout to the dropout one', () => {
    const bundled = readdirSync(lessonsDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => {
        const r = parseLesson(JSON.parse(readFileSync(new URL(f, lessonsDir), 'utf8')), f);
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        return r.value;
      });
    const kinds = new Set(LAYER_SPECS.map((s) => s.kind));
    for (const l of bundled)
      for (const k of l.teaches ?? []) expect(kinds.has(k), `${l.id}: ${k}`).toBe(true);
    const bn = lessonsTeaching(bundled, 'batch-norm').map((l) => l.id);
    expect(bn).toContain('bn-placement');
    expect(bn[0]).toBe('bn-convergence');
    expect(lessonsTeaching(bundled, 'dropout').map((l) => l.id)).toEqual(['bn-vs-dropout']);
  });
});
