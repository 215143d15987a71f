import { strFromU8, strToU8 } from 'fflate';
import { z } from 'zod';
import { contentHash } from '../util/hash';
import { err, ok, type Result } from '../util/result';

/**
 * The bundle container: one file holding named binary sections.
 *
 * Layout (all integers little-endian):
 *
 * | bytes | what |
 * |---|---|
 * | 8 | the magic `LLBUNDLE` (ASCII) |
 * | 4 | the header's length H in bytes (uint32) |
 * | H | the header: UTF-8 JSON `{format, version, sections: [{name, length, hash}]}` |
 * | ... | each section's bytes, back to back, in header order |
 *
 * `hash` is contentHash() of the section's bytes, so a damaged section is named rather
 * than misread. Nothing may follow the last section. Pure: bytes in, bytes out.
 */
export const BUNDLE_MAGIC = 'LLBUNDLE';
/** The header's `format` marker. */
export const BUNDLE_FORMAT = 'layerloom-bundle';
/** Largest bundle read or written (1 GiB). */
export const MAX_BUNDLE_BYTES = 2 ** 30;
/** Largest header (1 MiB): a header only lists sections. */
export const MAX_BUNDLE_HEADER_BYTES = 2 ** 20;
/** Most sections in one bundle. */
export const MAX_BUNDLE_SECTIONS = 256;

/** A section name: lowercase letters, digits and `.-_`, at most 128 characters. */
const SECTION_NAME = /^[a-z0-9][a-z0-9._-]{0,127}$/;
const PREFIX_BYTES = BUNDLE_MAGIC.length + 4;

const headerSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(1),
  sections: z
    .array(
      z.strictObject({
        name: z.string().regex(SECTION_NAME),
        length: z.number().int().min(0).max(MAX_BUNDLE_BYTES),
        hash: z.string().regex(/^[0-9a-f]{16}$/),
      }),
    )
    .max(MAX_BUNDLE_SECTIONS),
});

/** One named section of a bundle. */
export interface BundleSection {
  name: string;
  bytes: Uint8Array;
}

/** Why a bundle was refused: the section at fault ('header' for the container itself) and what is wrong. */
export interface BundleError {
  section: string;
  message: string;
}

const fail = (section: string, message: string): { ok: false; error: BundleError } =>
  err({ section, message });

/** True when the bytes start with the bundle magic (so a picked file is a bundle, not a project). */
export function isBundle(bytes: Uint8Array): boolean {
  if (bytes.length < BUNDLE_MAGIC.length) return false;
  for (let i = 0; i < BUNDLE_MAGIC.length; i++) if (bytes[i] !== BUNDLE_MAGIC.charCodeAt(i)) return false;
  return true;
}

/** Writes sections into one bundle; refuses bad or duplicate names and oversize results. */
export function encodeBundle(sections: readonly BundleSection[]): Result<Uint8Array, BundleError> {
  const names = new Set<string>();
  for (const s of sections) {
    if (!SECTION_NAME.test(s.name)) return fail(s.name, 'is not a valid section name');
    if (names.has(s.name)) return fail(s.name, 'appears twice');
    names.add(s.name);
  }
  if (sections.length > MAX_BUNDLE_SECTIONS)
    return fail('header', `more than ${MAX_BUNDLE_SECTIONS} sections`);
  const header = strToU8(
    JSON.stringify({
      format: BUNDLE_FORMAT,
      version: 1,
      sections: sections.map((s) => ({ name: s.name, length: s.bytes.length, hash: contentHash(s.bytes) })),
    }),
  );
  const total = PREFIX_BYTES + header.length + sections.reduce((n, s) => n + s.bytes.length, 0);
  if (total > MAX_BUNDLE_BYTES) return fail('header', `the bundle would exceed ${MAX_BUNDLE_BYTES} bytes`);
  const out = new Uint8Array(total);
  out.set(strToU8(BUNDLE_MAGIC), 0);
  new DataView(out.buffer).setUint32(BUNDLE_MAGIC.length, header.length, true);
  out.set(header, PREFIX_BYTES);
  let at = PREFIX_BYTES + header.length;
  for (const s of sections) {
    out.set(s.bytes, at);
    at += s.bytes.length;
  }
  return ok(out);
}

/** Reads and checks the header: where the sections start and what they should be. */
function readHeader(
  bytes: Uint8Array,
): Result<{ header: z.infer<typeof headerSchema>; start: number }, BundleError> {
  if (bytes.length > MAX_BUNDLE_BYTES)
    return fail('header', `the file is larger than ${MAX_BUNDLE_BYTES} bytes`);
  if (!isBundle(bytes)) return fail('header', 'this is not a Layerloom bundle (its first bytes are wrong)');
  if (bytes.length < PREFIX_BYTES) return fail('header', 'the file ends inside the header');
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    BUNDLE_MAGIC.length,
    true,
  );
  if (length > MAX_BUNDLE_HEADER_BYTES) return fail('header', `the header claims ${length} bytes`);
  if (PREFIX_BYTES + length > bytes.length) return fail('header', 'the file ends inside the header');
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + length)));
  } catch (e) {
    return fail('header', `the header is not valid JSON (${(e as Error).message})`);
  }
  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail('header', `${['$', ...issue.path.map(String)].join('.')}: ${issue.message}`);
  }
  return ok({ header: parsed.data, start: PREFIX_BYTES + length });
}

/**
 * Reads a bundle's sections (views into `bytes`), checking the header, every section's
 * length and hash, duplicate names and trailing bytes. Errors name the section.
 */
export function decodeBundle(bytes: Uint8Array): Result<Map<string, Uint8Array>, BundleError> {
  const h = readHeader(bytes);
  if (!h.ok) return h;
  const out = new Map<string, Uint8Array>();
  let at = h.value.start;
  for (const s of h.value.header.sections) {
    if (out.has(s.name)) return fail(s.name, 'appears twice');
    if (at + s.length > bytes.length)
      return fail(
        s.name,
        `is truncated: ${s.length} bytes expected, ${Math.max(0, bytes.length - at)} found`,
      );
    const part = bytes.subarray(at, at + s.length);
    if (contentHash(part) !== s.hash) return fail(s.name, 'is damaged: its checksum does not match');
    out.set(s.name, part);
    at += s.length;
  }
  if (at !== bytes.length)
    return fail('header', `${bytes.length - at} unexpected bytes after the last section`);
  return ok(out);
}
