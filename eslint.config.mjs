// ESLint flat config. The layer rules below are the second line of boundary enforcement (after
// the split tsconfigs). DO NOT RELAX THEM to make an import work: move the code to the layer
// that may own it instead. test/unit/lint/layer-rules.test.ts proves they bite.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

/** Import bans for one layer; each folder gets exactly one complete rule (flat config replaces, never merges). */
function layer({ paths = [], patterns = [] }) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

const noElectron = {
  name: 'electron',
  message: 'This layer must not import Electron (see architecture.md: layers).',
};
const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message:
    'Raw ipcMain/ipcRenderer belong only in electron/main/ipc/ and electron/preload/index.ts.',
};
const noElectronStore = {
  name: 'electron-store',
  message: 'electron-store is used only in electron/main/persistence/.',
};
const folder = (name, message) => ({
  group: [`**/electron/${name}`, `**/electron/${name}/**`],
  message,
});
const notMain = folder('main', 'Only electron/main may import electron/main.');
const notPreload = folder('preload', 'Nothing imports the preload; it is loaded by the window.');
const notServer = folder('server', 'Only the browser-mode entry imports electron/server.');
const notCore = folder('core', 'This layer must not import electron/core.');
const notRenderer = {
  group: ['**/renderer/**'],
  message: 'Node-side code must not import the renderer.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // Named exports only: greppable, rename-safe (GitHub Desktop's rule).
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        {
          selector:
            "CallExpression[callee.property.name='send'][callee.object.property.name='webContents']",
          message: 'webContents.send is only called from electron/main/ipc/send-event.ts.',
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['*.config.ts', '*.config.mjs', 'eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.ts', '*.config.*', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  // ---- Layer rules ------------------------------------------------------------------------
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...layer({
        paths: [
          noElectron,
          ...NODE_BUILTINS.map((name) => ({ name, message: 'The renderer has no Node.' })),
        ],
        patterns: [
          {
            group: ['node:*'],
            message: 'The renderer has no Node: ask the Node side through the bridge.',
          },
          notCore,
          notMain,
          notPreload,
          notServer,
        ],
      }),
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: layer({
      patterns: [
        {
          regex: '^(?!\\./)',
          message: 'electron/shared imports nothing but itself (it is read by every process).',
        },
      ],
    }),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: layer({
      paths: [noElectron, noElectronStore],
      patterns: [notMain, notPreload, notServer, notRenderer],
    }),
  },
  {
    files: ['electron/server/**/*.ts'],
    rules: layer({
      paths: [noElectron, noElectronStore],
      patterns: [notMain, notPreload, notRenderer],
    }),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: layer({
      paths: [noElectronStore],
      patterns: [notCore, notMain, notServer, notRenderer],
    }),
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc/**', 'electron/main/persistence/**'],
    rules: layer({
      paths: [rawIpc, noElectronStore],
      patterns: [notPreload, notServer, notRenderer],
    }),
  },
  {
    files: ['electron/main/ipc/**/*.ts'],
    rules: {
      ...layer({ paths: [noElectronStore], patterns: [notPreload, notServer, notRenderer] }),
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['electron/main/persistence/**/*.ts'],
    rules: layer({ paths: [rawIpc], patterns: [notPreload, notServer, notRenderer] }),
  },
);
