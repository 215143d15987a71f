// ESLint flat config. Besides typescript-eslint's recommended rules, it enforces the
// dependency directions of ARCHITECTURE.md with no-restricted-imports. A later block's
// options replace an earlier one's for the same rule, so each folder's block lists every
// restriction of that folder, and more specific folders come after broader ones.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const UP = '^(\\.\\./)+'; // one or more ../ at the start of a relative import
const UI_LIBRARIES = ['react', 'react/*', 'react-dom', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*'];

const ban = {
  ui: { group: UI_LIBRARIES, message: 'src/ is a pure library: no UI libraries.' },
  uiInElectron: { group: UI_LIBRARIES, message: 'electron/ has no UI libraries.' },
  electron: { regex: '^electron(/|$)', message: 'Only electron/ may import Electron.' },
  tfjs: { group: ['@tensorflow/*'], message: 'Only src/runtime imports tfjs; go through it.' },
  appFolders: {
    regex: `${UP}(renderer|electron)(/|$)`,
    message: 'src/ knows nothing of renderer/ or electron/.',
  },
  rendererDir: { regex: `${UP}renderer(/|$)`, message: 'electron/ and renderer/ never import each other.' },
  electronDir: { regex: `${UP}electron(/|$)`, message: 'electron/ and renderer/ never import each other.' },
  runtime: {
    regex: `${UP}src/runtime(/|$)`,
    message: 'The renderer reaches src/runtime only through the worker (renderer/workers).',
  },
  srcBeyondShared: {
    regex: `${UP}src/(?!(util|ipc|project)(/|$))`,
    message: 'electron/ may import src/util, src/ipc and src/project only.',
  },
};

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** Globals of the Node scripts (.mjs, .js), which TypeScript does not check. */
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'fetch',
    'AbortController',
    'performance',
    'structuredClone',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'queueMicrotask',
    'TextEncoder',
    'TextDecoder',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'dist-web/',
      'release/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      '.tmp/',
      '*.config.ts.*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: nodeGlobals },
    rules: { 'no-undef': 'error' },
  },
  { files: ['src/**/*.ts'], rules: restrict(ban.ui, ban.electron, ban.tfjs, ban.appFolders) },
  { files: ['src/runtime/**/*.ts'], rules: restrict(ban.ui, ban.electron, ban.appFolders) },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict(ban.electron, ban.tfjs, ban.electronDir, ban.runtime),
  },
  { files: ['renderer/workers/**/*.ts'], rules: restrict(ban.electron, ban.tfjs, ban.electronDir) },
  {
    files: ['electron/**/*.ts'],
    rules: restrict(ban.rendererDir, ban.srcBeyondShared, ban.uiInElectron, ban.tfjs),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.flat.recommended.rules,
  },
);
