import { describe, expect, it } from 'vitest';
import en from '../../../assets/locales/en.json';
import { DIAGNOSTIC_CODES } from '../../../src/diagnostics/codes';
import { LAYER_SPECS } from '../../../src/layers/registry';

const catalog = en as unknown as Record<string, Record<string, unknown>>;
const layerText = catalog.layer as Record<string, Record<string, string>>;

describe('message catalog', () => {
  it.each(LAYER_SPECS.map((s) => [s.kind, s] as const))(
    'has title, description and help for %s',
    (kind, spec) => {
      const entry = layerText[kind];
      expect(entry, kind).toBeDefined();
      for (const key of ['title', 'description', 'help']) expect(entry![key], `${kind}.${key}`).toMatch(/\S/);
      expect(catalog.category![spec.category], `category.${spec.category}`).toBeTypeOf('string');
    },
  );

  it('labels every parameter and every option of every kind', () => {
    for (const spec of LAYER_SPECS) {
      for (const [name, ps] of Object.entries(spec.params)) {
        expect(catalog.param![name], `param.${name} (${spec.kind})`).toBeTypeOf('string');
        if (ps.type === 'enum') {
          for (const o of ps.options)
            expect(catalog.option![o], `option.${o} (${spec.kind}.${name})`).toBeTypeOf('string');
        }
      }
    }
  });

  it('has a message for every diagnostic code', () => {
    const diag = catalog.diag as Record<string, { message?: string }>;
    for (const code of DIAGNOSTIC_CODES) expect(diag[code]?.message, code).toMatch(/\S/);
  });

  it('has unique titles, so palette buttons are told apart by name', () => {
    const titles = LAYER_SPECS.map((s) => layerText[s.kind]!.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('explains both BatchNorm conventions that differ from PyTorch', () => {
    const help = layerText['batch-norm']!.help!;
    expect(help).toMatch(/PyTorch's momentum = 1 − this/);
    expect(help).toMatch(/biased batch variance/);
  });
});
