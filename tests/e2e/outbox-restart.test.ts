// A webhook the server refused is still delivered after the agent restarts the browser: the
// outbox lives in the profile (IndexedDB), and the retry carries the same Idempotency-Key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, saveConfig, waitFor, type ExtensionBrowser } from '../support/browser';
import { startFakeSites, type FakeSites } from '../support/fake-sites';
import { emitOn, openDesktop } from '../support/world';

let sites: FakeSites;
let ext: ExtensionBrowser | undefined;
const profile = mkdtempSync(path.join(tmpdir(), 'crm-screenpop-profile-'));

beforeAll(async () => {
  sites = await startFakeSites();
});

afterAll(async () => {
  await ext?.close();
  await sites?.close();
  rmSync(profile, { recursive: true, force: true });
});

describe('durable webhook outbox', () => {
  it('survives a browser restart and retries with the same Idempotency-Key', async () => {
    ext = await launchExtension({ userDataDir: profile });
    const reply = await saveConfig(ext, {
      version: 1,
      sources: [{ id: 'sp', adapter: 'screenpop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
      templates: [
        {
          id: 'notify',
          when: { phases: ['ended'] },
          url: `${sites.otherOrigin}/hook/closed`,
          params: [{ name: 'call', value: '{INTERACTION_ID}' }],
          action: { type: 'webhook', method: 'POST' },
        },
      ],
    });
    expect(reply).toEqual({ ok: true });
    sites.hookStatus = 503;
    const desktop = await openDesktop({ ext, sites }, 'agentdesktop.html');
    await emitOn(desktop, { screenpop: 1, phase: 'ended', interactionId: 'call-77', channel: 'voice', vars: {} });
    const first = await waitFor(() => sites.received.find((r) => r.path === '/hook/closed'), 'the first attempt');
    expect(JSON.parse(first.body)).toEqual({ call: 'call-77' });

    await ext.close();
    sites.hookStatus = 200;
    const restartedAt = Date.now();
    ext = await launchExtension({ userDataDir: profile });
    const retried = await waitFor(
      () => sites.received.find((r) => r.path === '/hook/closed' && r.at >= restartedAt),
      'the retry after the restart',
      20_000,
    );
    expect(retried.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(JSON.parse(retried.body)).toEqual({ call: 'call-77' });
  });
});
