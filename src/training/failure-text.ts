import en from '../../assets/locales/en.json';
import { formatMessage, type MessageValues } from '../util/format';

/**
 * A training failure's text as data: a key of the 'trainFailure' catalog and the values of
 * its placeholders, so a UI in another language can render it; the English text is made
 * from the same entry (and kept as the fallback for keys a UI does not know).
 */
export interface FailureText {
  key: string;
  values: MessageValues;
}

const catalog = (en as unknown as { trainFailure: Record<string, string> }).trainFailure;

/** The English text of a failure (the key itself when the catalog has no entry for it). */
export function failureMessage(text: FailureText): string {
  const template = catalog[text.key];
  return template === undefined ? text.key : formatMessage(template, text.values);
}

/**
 * True when an error's text says memory ran out: a wasm heap that could not grow, a typed
 * array the engine could not allocate, a GPU out of memory. Such a failure gets advice of
 * its own (a smaller batch or model) instead of "internal error".
 */
export function isOutOfMemory(detail: string): boolean {
  return /out of memory|\boom\b|allocation failed|Memory\.grow|maximum memory/i.test(detail);
}
