import { protocol, type CustomScheme } from 'electron';
import { serveAppRequest } from './app-response';
import { APP_SCHEME } from './protocol-path';

/**
 * The app:// scheme behaves like https for the page: standard URLs (so relative paths and
 * `new URL(..., import.meta.url)` work), a secure context, fetch, module workers and
 * streaming. It must be registered before the app is ready.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: true,
    stream: true,
    codeCache: true,
  },
};

/** Serves the built renderer in `root` on app://layerloom/. */
export function registerAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request));
}
