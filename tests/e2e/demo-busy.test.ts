// The demo's scripted scenario passes while both cores are busy: a loaded agent PC still pops.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDesk } from '../../demo/desk';
import { playScenario } from '../../demo/scenario';

const OUTPUT = path.resolve(import.meta.dirname, '../../test-output/demo-busy');
const burners: ChildProcess[] = [];

afterAll(() => {
  for (const burner of burners) burner.kill();
});

it('the demo passes while a CPU burner keeps both cores busy', async () => {
  // One busy loop per core, at normal priority, like a video call and a build on the agent's PC.
  for (let i = 0; i < 2; i++) burners.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  const desk = await openDesk(true);
  let code: number;
  try {
    code = await playScenario(desk, OUTPUT);
  } finally {
    await desk.ext.close();
    await desk.sites.close();
  }
  // On failure the timeline carries the extension's diagnostics for the failed step.
  expect(code, await readFile(path.join(OUTPUT, 'timeline.txt'), 'utf8')).toBe(0);
}, 180_000);
