import { shell, type Session, type WebContents } from 'electron';
import { isSameOrigin, windowOpenAction } from './window-options';

/** Denies every permission request and check (camera, notifications, devices...). */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * Keeps a web contents on its own origin: navigation and redirects elsewhere are
 * cancelled, no new windows (https links go to the system browser), no <webview>.
 */
export function hardenWebContents(contents: WebContents, allowedUrl: string): void {
  contents.on('will-frame-navigate', (event) => {
    if (!isSameOrigin(event.url, allowedUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isSameOrigin(event.url, allowedUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // electronegativity-ignore: OPEN_EXTERNAL_JS_CHECK -- windowOpenAction allows only allow-listed https URLs.
    if (windowOpenAction(url) === 'open-external') void shell.openExternal(url);
    return { action: 'deny' };
  });
}
