import { describe, expect, it } from 'vitest';
import {
  isSameOrigin,
  mainWindowOptions,
  secureWebPreferences,
  windowOpenAction,
} from '../../../electron/main/window-options';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs');

  it('isolates and sandboxes the renderer without Node', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the CommonJS preload', () => {
    expect(prefs.preload).toMatch(/\.cjs$/);
  });
});

describe('mainWindowOptions', () => {
  it('uses the secure preferences and shows the window only when ready', () => {
    const options = mainWindowOptions('/p.cjs');
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
    expect(options.show).toBe(false);
    expect(options.title).toBe('Layerloom');
  });
});

describe('isSameOrigin', () => {
  it.each([
    ['app://layerloom/index.html', 'app://layerloom/index.html', true],
    ['app://layerloom/other/page', 'app://layerloom/index.html', true],
    ['app://evil/index.html', 'app://layerloom/index.html', false],
    ['https://layerloom/index.html', 'app://layerloom/index.html', false],
    ['http://localhost:5173/x', 'http://localhost:5173/', true],
    ['http://localhost:5174/x', 'http://localhost:5173/', false],
    ['file:///etc/passwd', 'app://layerloom/index.html', false],
    ['not a url', 'app://layerloom/index.html', false],
  ])('%s vs %s -> %s', (url, allowed, expected) => {
    expect(isSameOrigin(url, allowed)).toBe(expected);
  });
});

describe('windowOpenAction', () => {
  it('sends allow-listed https links to the system browser and denies everything else', () => {
    expect(windowOpenAction('https://github.com/layerloom')).toBe('open-external');
    expect(windowOpenAction('https://example.org/help')).toBe('deny');
    expect(windowOpenAction('http://example.org/')).toBe('deny');
    expect(windowOpenAction('file:///etc/passwd')).toBe('deny');
    expect(windowOpenAction('javascript:alert(1)')).toBe('deny');
    expect(windowOpenAction('app://layerloom/index.html')).toBe('deny');
  });
});
