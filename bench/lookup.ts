// Search, then pop, measured in real Chromium: from the vendor's ringing event to the first
// visible pop (the named tab on the waiting page) and to the record, with a CRM search API that
// answers in 0, 300 and 3 000 ms. Measured and printed, never asserted. `tsx bench/lookup.ts` runs
// it alone; bench/run.ts calls benchLookup().
import { pathToFileURL } from 'node:url';
import { EXTENSION_ID, launchExtension, saveConfig, sleep } from '../tests/support/browser';
import { contacts, startCrmApi } from '../tests/support/crm-api';
import { startFakeSites } from '../tests/support/fake-sites';

export interface LookupBenchRow {
  apiDelayMs: number;
  /** Median ms from the event to the first thing the agent sees: the waiting page drawn (`#lookup-status`), or already the record. */
  firstPopMs: number;
  /** Median ms from the event to the named tab being at the record URL. */
  recordMs: number;
  rounds: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export async function benchLookup(delays: readonly number[] = [0, 300, 3000], rounds = 5): Promise<LookupBenchRow[]> {
  const sites = await startFakeSites();
  const api = await startCrmApi();
  const ext = await launchExtension();
  try {
    const crm = `${sites.otherOrigin}/crm`;
    const saved = await saveConfig(ext, {
      version: 1,
      sources: [{ id: 'sp', adapter: 'screenpop', pages: [`${sites.desktopOrigin}/desktop/agentdesktop.html*`] }],
      templates: [
        {
          id: 'record',
          when: { phases: ['ringing'] },
          lookup: {
            request: { url: `${api.origin}/api/contacts`, params: [{ name: 'phone', value: '{ANI|e164}' }], timeoutMs: 8000 },
            results: 'data.items',
            vars: { ACCOUNT_ID: 'id', ACCOUNT_NAME: 'name' },
            fallbackUrl: `${crm}/search?q={ANI|digits}`,
          },
          url: `${crm}/contacts/{ACCOUNT_ID}`,
          action: { type: 'tab', target: 'CRM', reuse: true },
        },
      ],
    });
    if (!saved.ok) throw new Error(saved.error);
    const desktop = await ext.browser.newPage();
    await desktop.goto(`${sites.desktopOrigin}/desktop/agentdesktop.html`);
    await sleep(300);
    const rows: LookupBenchRow[] = [];
    let call = 0;
    for (const delay of delays) {
      const first: number[] = [];
      const record: number[] = [];
      for (let round = 0; round < rounds; round++) {
        call += 1;
        const ani = `+3933310${String(call).padStart(5, '0')}`;
        const id = `C-${call}`;
        api.answers.set(ani, { delayMs: delay, ...contacts({ id, name: `Bench ${call}` }) });
        const waiting = `chrome-extension://${EXTENSION_ID}/src/lookup/index.html?id=${encodeURIComponent(`sp/b${call}|record`)}`;
        const recordUrl = `${crm}/contacts/${id}`;
        const started = Date.now();
        const opened = ext.browser.waitForTarget((target) => target.url() === recordUrl, { timeout: 15_000 }).then(() => Date.now() - started);
        // A tab at the waiting page's URL is still blank: the pop is visible once the page has drawn
        // its status line. A page that became the record first never draws it: the record counts.
        const drawn = ext.browser
          .waitForTarget((target) => target.url() === waiting, { timeout: 15_000 })
          .then((target) => target.page())
          .then((page) => page?.waitForSelector('#lookup-status', { visible: true, timeout: 15_000 }))
          .then(() => Date.now() - started)
          .catch(() => opened);
        const seen = Promise.race([drawn, opened]);
        await desktop.evaluate(
          (message) => (window as unknown as { emit(x: unknown): void }).emit(message),
          { screenpop: 1, phase: 'ringing', interactionId: `b${call}`, channel: 'voice', vars: { ANI: ani } },
        );
        first.push(await seen);
        record.push(await opened);
      }
      rows.push({ apiDelayMs: delay, firstPopMs: median(first), recordMs: median(record), rounds });
    }
    return rows;
  } finally {
    await ext.close();
    await api.close();
    await sites.close();
  }
}

export function printLookupBench(rows: readonly LookupBenchRow[]): void {
  console.log('search, then pop (ringing → named tab → record), median of each:');
  for (const row of rows) {
    console.log(`  API answers in ${String(row.apiDelayMs).padStart(4)} ms: first visible pop ${row.firstPopMs} ms, record ${row.recordMs} ms (${row.rounds} calls)`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printLookupBench(await benchLookup());
}
