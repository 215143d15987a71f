import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addRecent,
  DEFAULT_APP_STATE,
  MAX_RECENT,
  parseAppState,
  restoreBounds,
} from '../../../electron/main/app-state';
import { projectFilesFromArgv } from '../../../electron/main/argv';

const screen = { x: 0, y: 0, width: 1920, height: 1080 };
const right = { x: 1920, y: 0, width: 1280, height: 1024 };
const fallback = { width: 1440, height: 900 };

describe('restoreBounds (window size and position)', () => {
  it('uses the default size, centred, on a first start', () => {
    expect(restoreBounds(null, [screen], fallback)).toEqual(fallback);
  });

  it('puts the window back where it was', () => {
    const saved = { x: 100, y: 50, width: 1200, height: 800 };
    expect(restoreBounds(saved, [screen, right], fallback)).toEqual(saved);
    const onRight = { x: 2000, y: 10, width: 1000, height: 700 };
    expect(restoreBounds(onRight, [screen, right], fallback)).toEqual(onRight);
  });

  it('pulls a window that hangs off the edge back onto its display, and shrinks it to fit', () => {
    expect(restoreBounds({ x: 1500, y: -40, width: 800, height: 600 }, [screen], fallback)).toEqual({
      x: 1120,
      y: 0,
      width: 800,
      height: 600,
    });
    expect(restoreBounds({ x: 0, y: 0, width: 3000, height: 2000 }, [screen], fallback)).toEqual(screen);
  });

  it('forgets the position when its monitor is gone', () => {
    const onUnplugged = { x: 2000, y: 10, width: 1000, height: 700 };
    expect(restoreBounds(onUnplugged, [screen], fallback)).toEqual(fallback);
    expect(restoreBounds(onUnplugged, [], fallback)).toEqual(fallback);
  });
});

describe('parseAppState and addRecent', () => {
  it('falls back to defaults for missing, broken or partly wrong state', () => {
    expect(parseAppState(null)).toEqual(DEFAULT_APP_STATE);
    expect(parseAppState('{oops')).toEqual(DEFAULT_APP_STATE);
    expect(parseAppState('[]')).toEqual(DEFAULT_APP_STATE);
    expect(parseAppState('{"bounds":{"x":"a"},"maximized":true,"recent":["/a"]}')).toEqual({
      bounds: null,
      maximized: true,
      recent: ['/a'],
    });
  });

  it('keeps recent files most recent first, once, at most MAX_RECENT', () => {
    let recent: string[] = [];
    for (let i = 0; i < 15; i++) recent = addRecent(recent, `/f${i}`);
    expect(recent).toHaveLength(MAX_RECENT);
    expect(recent[0]).toBe('/f14');
    expect(addRecent(recent, '/f10')).toEqual(['/f10', ...recent.filter((f) => f !== '/f10')]);
  });
});

describe('projectFilesFromArgv (single instance, file association)', () => {
  const cwd = path.resolve('/home/u');
  it('finds project files after the executable in a packaged app', () => {
    expect(
      projectFilesFromArgv(['/opt/Layerloom/layerloom', 'net.layerloom', '/tmp/b.json'], cwd, true),
    ).toEqual([path.resolve(cwd, 'net.layerloom'), path.resolve('/tmp/b.json')]);
  });

  it('skips the app path of an unpackaged run, switches, URLs, other files and repeats', () => {
    const argv = [
      'electron',
      '.',
      '--no-sandbox',
      '--flag=x.layerloom',
      'a.layerloom',
      'file:///x.layerloom',
      'notes.txt',
      'a.layerloom',
    ];
    expect(projectFilesFromArgv(argv, cwd, false)).toEqual([path.resolve(cwd, 'a.layerloom')]);
  });

  it('accepts upper-case extensions and gives nothing for no files', () => {
    expect(projectFilesFromArgv(['x', 'NET.LAYERLOOM'], cwd, true)).toEqual([
      path.resolve(cwd, 'NET.LAYERLOOM'),
    ]);
    expect(projectFilesFromArgv(['x'], cwd, true)).toEqual([]);
  });
});
