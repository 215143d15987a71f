#!/usr/bin/env node
// Compares a translation catalog with the English one (assets/locales/en.json) and lists
// what is out of step: keys missing from the translation, keys it has that English no
// longer has, and values whose {placeholders} differ from the English value.
// Usage: node scripts/i18n-missing.mjs [locale]   (default zh-CN; exit code 1 when out of step)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const LOCALES = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'locales');

/**
 * Flattens a nested catalog into dotted key → string value. A non-string leaf is kept as
 * is so the comparison can report it.
 * @param {unknown} node
 * @param {string} [prefix]
 * @returns {Map<string, unknown>}
 */
export function flattenCatalog(node, prefix = '') {
  const out = new Map();
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    out.set(prefix, node);
    return out;
  }
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flattenCatalog(value, path)) out.set(k, v);
    } else out.set(path, value);
  }
  return out;
}

/**
 * The sorted, de-duplicated `{name}` placeholders of a catalog value.
 * @param {unknown} value
 * @returns {string[]}
 */
export function placeholdersOf(value) {
  if (typeof value !== 'string') return [];
  return [...new Set([...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/**
 * Compares a translated catalog with the English one.
 * @param {unknown} en
 * @param {unknown} translated
 * @returns {{ missing: string[]; extra: string[]; notText: string[]; placeholders: { key: string; en: string[]; translated: string[] }[] }}
 */
export function compareCatalogs(en, translated) {
  const a = flattenCatalog(en);
  const b = flattenCatalog(translated);
  const missing = [...a.keys()].filter((k) => !b.has(k));
  const extra = [...b.keys()].filter((k) => !a.has(k));
  const notText = [...b].filter(([k, v]) => a.has(k) && typeof v !== 'string').map(([k]) => k);
  const placeholders = [];
  for (const [key, value] of a) {
    if (!b.has(key)) continue;
    const want = placeholdersOf(value);
    const got = placeholdersOf(b.get(key));
    if (want.join() !== got.join()) placeholders.push({ key, en: want, translated: got });
  }
  return { missing, extra, notText, placeholders };
}

/** @param {string} file */
function readCatalog(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function main() {
  const locale = process.argv[2] ?? 'zh-CN';
  const en = readCatalog(join(LOCALES, 'en.json'));
  const translated = readCatalog(join(LOCALES, `${locale}.json`));
  const { missing, extra, notText, placeholders } = compareCatalogs(en, translated);
  for (const key of missing)
    console.log(`missing      ${key}: ${JSON.stringify(flattenCatalog(en).get(key))}`);
  for (const key of extra) console.log(`extra        ${key}`);
  for (const key of notText) console.log(`not a string ${key}`);
  for (const p of placeholders)
    console.log(`placeholders ${p.key}: en {${p.en.join('} {')}} vs ${locale} {${p.translated.join('} {')}}`);
  const total = missing.length + extra.length + notText.length + placeholders.length;
  console.log(
    total === 0
      ? `${locale}.json is in step with en.json.`
      : `${locale}.json: ${missing.length} missing, ${extra.length} extra, ${notText.length} not text, ${placeholders.length} placeholder mismatches.`,
  );
  process.exitCode = total === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 2;
  }
}
