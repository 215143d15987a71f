import path from 'node:path';

/** The privileged scheme the packaged renderer is served from. */
export const APP_SCHEME = 'app';

/** The fixed host of that scheme; any other host is refused. */
export const APP_HOST = 'layerloom';

/** Origin-like prefix of every app URL. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page loaded into the main window in production. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Maps an `app://layerloom/...` request URL to a file under `root`, or null when the URL
 * is not ours or would leave `root` (`..` segments, encoded slashes or backslashes, NUL
 * bytes, absolute paths). `/` maps to `index.html`. Pure: no file system access.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  // Refuse anything a normalizer could turn into a traversal or a different file.
  if (relative.includes('\0') || relative.includes('\\')) return null;
  const segments = relative.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || s.includes(':'))) return null;
  if (segments.length === 0) segments.push('index.html');
  const base = path.resolve(root);
  const resolved = path.resolve(base, ...segments);
  return resolved.startsWith(base + path.sep) ? resolved : null;
}
