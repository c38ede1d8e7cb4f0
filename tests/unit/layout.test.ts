// The layout is enforced, not only described: src/core stays free of browser APIs, and the pages
// reach the engine through src/core, never through the worker's code.
import { ESLint } from 'eslint';
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

  it('the same code is fine in src/background', async () => {
    expect(await lint('src/background/new-module.ts', 'export const id = chrome.runtime.id;\n')).toEqual([]);
  });

  it('pages and the bench may not import src/background', async () => {
    for (const file of ['src/options/x.ts', 'src/popup/x.ts', 'src/sidepanel/x.ts', 'bench/x.ts']) {
      const from = path.relative(path.dirname(path.join(root, file)), path.join(root, 'src/background/pipeline'));
      expect(await lint(file, `import { handleEvent } from '${from}';\nexport const h = handleEvent;\n`), file).toEqual([
        expect.stringMatching(/^no-restricted-imports: /),
      ]);
    }
  });
});
