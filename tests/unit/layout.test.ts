// The layout is enforced, not only described: src/core stays free of browser APIs, and the pages
// (the lookup page and the content scripts included) reach the engine through src/core, never
// through the worker's code; src/background touches chrome.storage.local through storage.ts only.
import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layout rules', () => {
  it('src/core may not call chrome.*, browser.* or import the polyfill or idb-keyval', async () => {
    expect(await lint('src/core/new-module.ts', 'export const id = chrome.runtime.id;\n')).toEqual([
      expect.stringMatching(/^no-restricted-globals: .*src\/core is free of browser APIs/),
    ]);
    expect(await lint('src/core/new-module.ts', "import browser from 'webextension-polyfill';\nexport const b = browser;\n")).toEqual([
      expect.stringMatching(/^no-restricted-imports: /),
    ]);
    expect(await lint('src/core/new-module.ts', "import { get } from 'idb-keyval';\nexport const g = get;\n")).toEqual([
      expect.stringMatching(/^no-restricted-imports: /),
    ]);
  });

  it('nor reach them another way: through globalThis, in a type, a polyfill subpath or a dynamic import', async () => {
    const refused: Array<[string, RegExp]> = [
      ['export const id = globalThis.chrome.runtime.id;\n', /^no-restricted-properties: .*src\/core is free of browser APIs/],
      ["export const id = globalThis['chrome'].runtime.id;\n", /^no-restricted-properties: /],
      ['export const id = self.browser.runtime.id;\n', /^no-restricted-properties: /],
      ['const { chrome: c } = globalThis;\nexport const id = c.runtime.id;\n', /^no-restricted-properties: /],
      ['export type T = chrome.tabs.Tab;\n', /^no-restricted-syntax: .*src\/core is free of browser APIs/],
      ['export type R = typeof chrome.runtime;\n', /^no-restricted-(syntax|globals): /],
      ["export type B = import('webextension-polyfill').Runtime.Static;\n", /^no-restricted-syntax: /],
      ["import type { Tabs } from 'webextension-polyfill/namespaces/tabs';\nexport type T = Tabs.Tab;\n", /^no-restricted-imports: .*src\/core is free of browser APIs/],
      ["export * from 'idb-keyval/dist/index.js';\n", /^no-restricted-imports: /],
      ["export const load = () => import('idb-keyval');\n", /^no-restricted-syntax: .*src\/core is free of browser storage/],
      ["export const load = () => import('webextension-polyfill/dist/browser-polyfill.js');\n", /^no-restricted-syntax: /],
      ["export const load = () => import('../background/pipeline');\n", /^no-restricted-syntax: .*src\/core imports only src\/core/],
      ["const name = 'idb-keyval';\nexport const load = () => import(name);\n", /^no-restricted-syntax: /],
    ];
    for (const [code, rule] of refused) {
      expect(await lint('src/core/new-module.ts', code), code).toEqual([expect.stringMatching(rule)]);
    }
  });

  it('src/core may still name its own things browser-ish words and import itself dynamically', async () => {
    expect(await lint('src/core/new-module.ts', "export const labels = { browser: 'Chrome', chrome: true };\nexport const load = () => import('./config');\n")).toEqual([]);
  });

  it('the same code is fine in src/background', async () => {
    expect(await lint('src/background/new-module.ts', 'export const id = chrome.runtime.id;\n')).toEqual([]);
  });

  it('pages and the bench may not import src/background', async () => {
    for (const file of ['src/options/x.ts', 'src/popup/x.ts', 'src/sidepanel/x.ts', 'src/lookup/x.ts', 'src/content/x.ts', 'src/offscreen/x.ts', 'bench/x.ts']) {
      const from = path.relative(path.dirname(path.join(root, file)), path.join(root, 'src/background/pipeline'));
      expect(await lint(file, `import { handleEvent } from '${from}';\nexport const h = handleEvent;\n`), file).toEqual([
        expect.stringMatching(/^no-restricted-imports: /),
      ]);
      expect(await lint(file, `export const load = () => import('${from}');\n`), file).toEqual([expect.stringMatching(/^no-restricted-syntax: /)]);
    }
  });
});

describe('typed storage', () => {
  it('src/background reads, writes and removes chrome.storage.local keys only through storage.ts', () => {
    const dir = path.join(root, 'src/background');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && f !== 'storage.ts');
    const untyped = files.flatMap((file) =>
      readFileSync(path.join(dir, file), 'utf8')
        .split('\n')
        .map((line, i) => ({ where: `src/background/${file}:${i + 1}`, line }))
        .filter(({ line }) => /storage\.local\.(get|set|remove|clear)\(/.test(line)),
    );
    expect(untyped.map(({ where, line }) => `${where}: ${line.trim()}`)).toEqual([]);
  });
});
