import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { PROJECT_EXTENSIONS } from '../../../electron/main/argv';

const root = new URL('../../../', import.meta.url);
const readJson = (file: string) =>
  JSON.parse(readFileSync(new URL(file, root), 'utf8')) as Record<string, unknown>;
const config = readJson('electron-builder.json');

describe('electron-builder.json', () => {
  it("validates against electron-builder's own JSON schema", () => {
    const schema = readJson('node_modules/app-builder-lib/scheme.json');
    const ajv = new Ajv({ strict: false, allErrors: true });
    const valid = ajv.validate(schema, config);
    expect(ajv.errorsText(ajv.errors, { separator: '\n' })).toBe('No errors');
    expect(valid).toBe(true);
  });

  it('associates .layerloom files, which the shell opens from the command line', () => {
    const associations = config['fileAssociations'] as { ext: string }[];
    expect(associations.map((a) => a.ext)).toEqual(['layerloom', 'layerloom-bundle']);
    expect(PROJECT_EXTENSIONS).toContain('.layerloom');
  });

  it('builds AppImage and deb, NSIS and dmg', () => {
    const target = (os: string) => (config[os] as { target: string[] }).target;
    expect(target('linux')).toEqual(['AppImage', 'deb']);
    expect(target('win')).toEqual(['nsis']);
    expect(target('mac')).toEqual(['dmg']);
  });

  it('flips the Electron fuses that close Node-style entry points', () => {
    expect(config['electronFuses']).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('packages the built app, and npm run dist builds before packaging', () => {
    expect(config['files']).toContain('out/**/*');
    const pkg = readJson('package.json') as { scripts: Record<string, string>; main: string };
    expect(pkg.scripts['dist']).toMatch(/electron-vite build && electron-builder/);
    expect(pkg.main.startsWith('out/')).toBe(true);
  });
});
