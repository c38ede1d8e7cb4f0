// When a demo step fails, the demo says which and prints what the extension itself logged for it
// (here: pops paused by the agent), so that "it did not pop" comes with the reason.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openDesk } from '../../demo/desk';
import { playScenario } from '../../demo/scenario';

const OUTPUT = path.resolve(import.meta.dirname, '../../test-output/demo-failure');

it('a step that does not pop fails the demo, and the timeline carries the extension\'s diagnostics for it', async () => {
  const desk = await openDesk(true);
  let code: number;
  try {
    // The agent paused pops from the toolbar menu before the first chat.
    const page = await desk.ext.browser.newPage();
    await page.goto(desk.ext.optionsUrl);
    await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'agent/pause', paused: true }));
    await page.close();
    code = await playScenario(desk, OUTPUT);
  } finally {
    await desk.ext.close();
    await desk.sites.close();
  }
  const timeline = await readFile(path.join(OUTPUT, 'timeline.txt'), 'utf8');
  expect(code).toBe(1);
  expect(timeline).toMatch(/FAILED: .*New_Chat/);
  expect(timeline).toContain("The extension's diagnostics for this step:");
  expect(timeline).toContain('Pops are paused: nothing opened');
}, 120_000);
