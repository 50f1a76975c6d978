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
  message: 'This layer must not import Electron: only electron/main and electron/preload may.',
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
/** A core folder may not import the core folders above it (see the flow where it is used). */
function coreFlow(folderName, higher) {
  return [
    {
      files: [`electron/core/${folderName}/**/*.ts`],
      rules: layer({
        paths: [noElectron, noElectronStore],
        patterns: [
          notMain,
          notPreload,
          notServer,
          notRenderer,
          ...higher.map((name) => ({
            group: [`**/${name}`, `**/${name}/**`, `**/${name}.js`],
            message: `electron/core/${folderName} must not import electron/core/${name}: core's dependencies run one way (README, "Core's layout").`,
          })),
        ],
      }),
    },
  ];
}

const notRenderer = {
  group: ['**/renderer/**'],
  message: 'Node-side code must not import the renderer.',
};

// ---- The renderer keeps no copy of core's rules ---------------------------------------------
// Core derives the plan (required scopes, account type, steps and their titles) once, in
// electron/core/targets/rules.ts, and sends it as `session.plan`. The renderer renders it. These
// rules catch the usual ways a copy creeps back in; test/unit/lint/layer-rules.test.ts proves
// each one fires.

/** The global step order and titles: navigation follows `plan.steps`, titles come from the plan. */
const globalStepOrder = {
  group: ['**/electron/shared/steps'],
  importNames: ['STEP_IDS', 'STEP_TITLES', 'stepIndex'],
  message:
    "Steps and their titles come from core's plan (wizardSelectors.planSteps / currentStepTitle), not the global list.",
};

/** Every scope id in electron/core/targets/scopes.ts has one of these prefixes. */
const SCOPE_ID =
  '/^(account_info|files|sharing|file_requests|contacts|team_info|team_data|team|members|groups|sessions|events|openid|email|profile)\\.[a-z_.]+$/';

/** `x.<prop> === …` / `… !== x.<prop>`, plain or optional (`x?.<prop>`), optionally not on `plan`. */
function comparisonsOf(prop, { exceptOn } = {}) {
  const selectors = [];
  for (const side of ['left', 'right']) {
    for (const path of ['', 'expression.']) {
      const member = `${side}.${path}`;
      const exempt = exceptOn
        ? `:not([${member}object.name='${exceptOn}'], [${member}object.property.name='${exceptOn}'])`
        : '';
      selectors.push(
        `BinaryExpression[operator=/^[!=]==?$/][${member}property.name='${prop}']${exempt}`,
      );
    }
  }
  const exemptSwitch = exceptOn
    ? `:not([discriminant.object.name='${exceptOn}'], [discriminant.object.property.name='${exceptOn}'])`
    : '';
  selectors.push(`SwitchStatement[discriminant.property.name='${prop}']${exemptSwitch}`);
  return selectors.join(', ');
}

const COMMON_SYNTAX = [
  { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
  {
    selector:
      "CallExpression[callee.property.name='send'][callee.object.property.name='webContents']",
    message: 'webContents.send is only called from electron/main/ipc/send-event.ts.',
  },
];

/** Rules any renderer file follows, the Choose connector cards included. */
const RENDERER_SYNTAX = [
  ...COMMON_SYNTAX,
  {
    selector: `Literal[value=${SCOPE_ID}], TemplateElement[value.cooked=${SCOPE_ID}]`,
    message:
      "A Dropbox scope id in the renderer is a copy of core's rules: read plan.requiredScopes (wizardSelectors.requiredScopeInfos).",
  },
  {
    selector: comparisonsOf('account'),
    message:
      "Who must sign in is core's rule (a team scope makes it a team admin): read plan.accountType.",
  },
];

/**
 * Outside Choose connector no profile is read for rules: the plan has the chosen connector's
 * flow, steps, scopes and account. (Choose connector describes every profile before one is
 * chosen, when no plan exists for it, so it may read the profile's own flow and scope lists.)
 */
const PLAN_ONLY_SYNTAX = [
  ...RENDERER_SYNTAX,
  {
    selector: comparisonsOf('flow', { exceptOn: 'plan' }),
    message: "Decide by plan.flow / plan.steps (core's plan), not by a profile's flow.",
  },
  {
    selector: "MemberExpression[property.name='required'][object.property.name='scopes']",
    message:
      "A profile's scope list is not the required list: read plan.requiredScopes (Custom adds the ticks and their dependencies in core).",
  },
];

const RENDERER_BANS = [
  noElectron,
  ...NODE_BUILTINS.map((name) => ({ name, message: 'The renderer has no Node.' })),
];
const RENDERER_PATTERNS = [
  {
    group: ['node:*'],
    message: 'The renderer has no Node: ask the Node side through the bridge.',
  },
  notCore,
  notMain,
  notPreload,
  notServer,
];
/** The store's plan-less fallback (every app-creating step, plain titles) may read the global list. */
const RENDERER_STEP_FALLBACK = ['renderer/src/store/selectors.ts'];
const CHOOSE_CONNECTOR = ['renderer/src/steps/target/**/*.{ts,tsx}'];

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
      'no-restricted-syntax': ['error', ...COMMON_SYNTAX],
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
  // ---- Size limits (GitHub Desktop / VS Code keep components and modules small enough to hold in
  // mind). Blank lines and comments do not count: a comment that says why is never the reason to
  // split. A file over the limit is split into parts named for what they do, not into barrels.
  {
    files: ['renderer/src/**/*.tsx'],
    rules: { 'max-lines': ['error', { max: 200, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['renderer/src/store/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  // ---- Layer rules ------------------------------------------------------------------------
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...layer({ paths: RENDERER_BANS, patterns: [...RENDERER_PATTERNS, globalStepOrder] }),
      'no-restricted-syntax': ['error', ...PLAN_ONLY_SYNTAX],
    },
  },
  {
    files: RENDERER_STEP_FALLBACK,
    rules: layer({ paths: RENDERER_BANS, patterns: RENDERER_PATTERNS }),
  },
  {
    files: CHOOSE_CONNECTOR,
    rules: { 'no-restricted-syntax': ['error', ...RENDERER_SYNTAX] },
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
  // Inside core, dependencies run one way: shared ← net/dropbox ← targets/export/loopback ←
  // connectors ← wizard ← compose. A lower folder importing a higher one is refused.
  ...coreFlow('dropbox', ['wizard', 'connectors', 'export', 'targets', 'loopback', 'compose']),
  ...coreFlow('net', [
    'wizard',
    'connectors',
    'export',
    'targets',
    'loopback',
    'dropbox',
    'compose',
  ]),
  ...coreFlow('targets', ['wizard', 'connectors', 'export', 'loopback', 'dropbox', 'compose']),
  ...coreFlow('export', ['wizard', 'connectors', 'loopback', 'compose']),
  ...coreFlow('loopback', ['wizard', 'connectors', 'export', 'compose']),
  ...coreFlow('connectors', ['wizard', 'compose']),
  ...coreFlow('wizard', ['compose']),
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
