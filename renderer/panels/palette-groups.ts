import type { LayerSpec } from '../../src/layers/spec';

/** One palette section: a category and its kinds, in registry order. */
export interface PaletteGroup {
  category: string;
  specs: LayerSpec[];
}

/** Lower-cased, accent-free text for matching what the user types. */
const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Groups the registry's kinds by category (categories in order of their first kind)
 * and keeps those whose title or description contains every word of `query` (pure).
 * `textOf` gives a kind's title and description from the catalog.
 */
export function paletteGroups(
  specs: readonly LayerSpec[],
  query: string,
  textOf: (kind: string) => { title: string; description: string },
): PaletteGroup[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const groups = new Map<string, LayerSpec[]>();
  for (const spec of specs) {
    const { title, description } = textOf(spec.kind);
    const hay = fold(`${title} ${description} ${spec.kind}`);
    if (!words.every((w) => hay.includes(w))) continue;
    groups.set(spec.category, [...(groups.get(spec.category) ?? []), spec]);
  }
  return [...groups].map(([category, list]) => ({ category, specs: list }));
}
