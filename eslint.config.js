import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CORE_API = 'src/core is free of browser APIs: call chrome.* / browser.* from src/background or a page.';
const CORE_STORAGE = 'src/core is free of browser storage.';
const CORE_ONLY = 'src/core imports only src/core.';
const NO_BACKGROUND = 'Pages, content scripts and the bench use src/core and ask the worker through send().';
// (src/lookup is left out: src/core has a lookup module of its own, which a path alone cannot tell apart.)
const NOT_CORE = ['**/background/**', '**/background', '**/content/**', '**/offscreen/**'];
const PAGES = ['**/options/**', '**/popup/**', '**/sidepanel/**'];
// The same, for selectors (dynamic and type imports): a module name, or a path through a folder.
const POLYFILL = '/^webextension-polyfill(\\/|$)/';
const IDB = '/^idb-keyval(\\/|$)/';
const OUTSIDE_CORE = '/(^|\\/)(background|options|popup|sidepanel|content|offscreen)(\\/|$)/';
const BACKGROUND = '/(^|\\/)background(\\/|$)/';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'demo-output/', '.vite/', 'release/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, chrome: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The engine runs in the worker, the pages, the bench and the unit tests alike: no browser API,
    // however reached (a global, globalThis.chrome, a type, a subpath, a dynamic import).
    files: ['src/core/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: CORE_API },
        { name: 'browser', message: CORE_API },
      ],
      'no-restricted-properties': [
        'error',
        ...['globalThis', 'self', 'window'].flatMap((object) => [
          { object, property: 'chrome', message: CORE_API },
          { object, property: 'browser', message: CORE_API },
        ]),
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['webextension-polyfill', 'webextension-polyfill/**'], message: 'src/core is free of browser APIs.' },
            { group: ['idb-keyval', 'idb-keyval/**'], message: CORE_STORAGE },
            { group: [...NOT_CORE, ...PAGES], message: CORE_ONLY },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        // Types name Chrome too: `chrome.tabs.Tab`, `typeof chrome.runtime`, `import('webextension-polyfill')`.
        { selector: "TSQualifiedName > Identifier.left[name=/^(chrome|browser)$/]", message: CORE_API },
        { selector: "TSTypeQuery > Identifier.exprName[name=/^(chrome|browser)$/]", message: CORE_API },
        { selector: `TSImportType[source.value=${POLYFILL}]`, message: CORE_API },
        { selector: `TSImportType[source.value=${IDB}]`, message: CORE_STORAGE },
        { selector: `ImportExpression[source.value=${POLYFILL}]`, message: CORE_API },
        { selector: `ImportExpression[source.value=${IDB}]`, message: CORE_STORAGE },
        { selector: `ImportExpression[source.value=${OUTSIDE_CORE}]`, message: CORE_ONLY },
        // A computed name hides what is imported from this check.
        { selector: "ImportExpression:not([source.type='Literal'])", message: `${CORE_ONLY} Import a module by its literal name.` },
      ],
    },
  },
  {
    // Every context but the worker: pages, the lookup page, the content scripts, the bench.
    files: ['src/options/**', 'src/popup/**', 'src/sidepanel/**', 'src/lookup/**', 'src/content/**', 'src/offscreen/**', 'bench/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/background/**', '**/background'], message: NO_BACKGROUND }] }],
      'no-restricted-syntax': ['error', { selector: `ImportExpression[source.value=${BACKGROUND}]`, message: NO_BACKGROUND }],
    },
  },
  { files: ['demo/**', 'bench/**', 'tests/**', '.ci/**', 'scripts/**'], rules: { 'no-console': 'off' } },
);
