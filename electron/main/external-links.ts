/** The project's documentation, opened in the system browser from Help > Documentation. */
export const DOCS_URL = 'https://github.com/layerloom/layerloom#readme';

/** Hosts whose https pages the app may open in the system browser; everything else is refused. */
export const EXTERNAL_HOSTS: readonly string[] = ['github.com', 'www.tensorflow.org', 'pytorch.org'];

/** True when `url` is an https URL on an allowed host (no credentials, no other port). */
export function isAllowedExternalUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return (
    u.protocol === 'https:' &&
    u.port === '' &&
    u.username === '' &&
    u.password === '' &&
    EXTERNAL_HOSTS.includes(u.hostname)
  );
}
