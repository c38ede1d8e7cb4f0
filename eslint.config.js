import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    // The engine runs in the worker, the pages, the bench and the unit tests alike: no browser API.
    files: ['src/core/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'src/core is free of browser APIs: call chrome.* from src/background or a page.' },
        { name: 'browser', message: 'src/core is free of browser APIs: call browser.* from src/background or a page.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'webextension-polyfill', message: 'src/core is free of browser APIs.' },
            { name: 'idb-keyval', message: 'src/core is free of browser storage.' },
          ],
          patterns: [{ group: ['**/background/**', '**/options/**', '**/popup/**', '**/sidepanel/**', '**/content/**', '**/offscreen/**'], message: 'src/core imports only src/core.' }],
        },
      ],
    },
  },
  {
    files: ['src/options/**', 'src/popup/**', 'src/sidepanel/**', 'src/offscreen/**', 'bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/background/**', '**/background'], message: 'Pages and the bench use src/core and ask the worker through send().' }] },
      ],
    },
  },
  { files: ['demo/**', 'bench/**', 'tests/**', '.ci/**', 'scripts/**'], rules: { 'no-console': 'off' } },
);
