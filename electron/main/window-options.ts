import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { isAllowedExternalUrl } from './external-links';

/**
 * Web preferences of every Layerloom window. Security settings are spelled out even where
 * they are Electron's defaults, so a reader (and a test) can see them in one place.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** Options of the main window; it is shown once its first frame is ready. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Layerloom',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** Protocol and host of a URL (the part an origin check compares), or null if unparsable. */
function originKey(url: string): string | null {
  try {
    const u = new URL(url);
    // URL.origin is "null" for non-special schemes such as app:, so compare the parts.
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/** True when `url` has the same scheme and host as `allowedUrl`. */
export function isSameOrigin(url: string, allowedUrl: string): boolean {
  const a = originKey(url);
  return a !== null && a === originKey(allowedUrl);
}

/**
 * What to do with a `window.open` or target=_blank link: never a new Electron window; https
 * links to allow-listed hosts go to the system browser, everything else is dropped.
 */
export function windowOpenAction(url: string): 'open-external' | 'deny' {
  return isAllowedExternalUrl(url) ? 'open-external' : 'deny';
}
