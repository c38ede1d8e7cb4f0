// `npm run bench`: how fast and how lean the worker's hot path is, and how long an event takes to
// become a CRM tab in real Chromium. Measured and printed, never asserted.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { adapt } from '../src/core/adapters';
import { applyEvent, EMPTY_STATE, prune } from '../src/core/interaction-state';
import { contextVars, matchTemplates, renderUrl } from '../src/core/templates';
import { parseConfig } from '../src/core/config';
import { launchExtension, pagesAt, saveConfig, sleep, waitFor } from '../tests/support/browser';
import { startFakeSites } from '../tests/support/fake-sites';

const fixtures = path.resolve(import.meta.dirname, '../src/core/samples/payloads');

function load(vendor: string): unknown[] {
  return readdirSync(path.join(fixtures, vendor))
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(fixtures, vendor, f), 'utf8')) as unknown);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function hotPath(): void {
  const parsed = parseConfig(readFileSync(path.resolve(import.meta.dirname, '../examples/ccai.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  const config = parsed.config;
  const sources = {
    ccai: { ...config.sources[0]!, id: 'ccai', adapter: 'ccai' as const },
    agentdesktop: { ...config.sources[0]!, id: 'ad', adapter: 'agentdesktop' as const },
  };
  const messages = [
    ...load('ccai').map((m) => [sources.ccai, m] as const),
    ...load('agentdesktop').map((m) => [sources.agentdesktop, m] as const),
  ];
  const rounds = 20_000;
  let state = EMPTY_STATE;
  const times: number[] = [];
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    const [source, message] = messages[i % messages.length]!;
    const t0 = performance.now();
    // Each pass over the fixtures is a new set of interactions (ringing … ended), like a busy
    // contact center: pruning must keep the state bounded.
    const text = JSON.stringify(message).replace(/"(call_id|chat_id|uuid)":\s*("?)[^",}]+/g, `"$1":$2${Math.floor(i / messages.length)}`);
    const adapted = adapt(source, text);
    if (adapted.ok) {
      const applied = applyEvent(state, adapted.event, i * 1000);
      state = i % 500 === 0 ? prune(applied.state, i * 1000, config.settings.historyMinutes) : applied.state;
      for (const phase of applied.fire) {
        const event = { ...adapted.event, phase };
        const vars = contextVars(event, applied.record.vars, config.settings);
        for (const match of matchTemplates(config.templates, event, vars)) {
          if (match.matched && match.template.url) renderUrl(match.template, { vars, raw: event.raw, settings: config.settings });
        }
      }
    }
    times.push(performance.now() - t0);
  }
  const elapsed = performance.now() - started;
  global.gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  times.sort((a, b) => a - b);
  console.log(`hot path (parse → adapt → state → match → render), ${rounds} vendor messages:`);
  console.log(`  ${Math.round((rounds / elapsed) * 1000)} messages/s; per message p50 ${(percentile(times, 50) * 1000).toFixed(0)} µs, p99 ${(percentile(times, 99) * 1000).toFixed(0)} µs`);
  console.log(`  interactions kept after pruning: ${Object.keys(state.interactions).length}; heap ${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MiB more than before`);
}

async function endToEnd(): Promise<void> {
  const sites = await startFakeSites();
  const ext = await launchExtension();
  try {
    const reply = await saveConfig(ext, {
      version: 1,
      sources: [{ id: 'ccai', adapter: 'ccai', pages: [`${sites.desktopOrigin}/desktop/ccai.html*`], senders: [sites.otherOrigin] }],
      templates: [{ id: 'chat', url: `${sites.otherOrigin}/crm/chat?chat={CHAT_ID}`, action: { type: 'tab', focus: false } }],
    });
    if (!reply.ok) throw new Error(reply.error);
    const page = await ext.browser.newPage();
    await page.goto(`${sites.desktopOrigin}/desktop/ccai.html`);
    const frame = await waitFor(() => page.frames().find((f) => f.url().includes('/adapter/')), 'adapter');
    await frame.waitForFunction(() => 'post' in window);
    await sleep(300);
    const latencies: number[] = [];
    for (let i = 0; i < 30; i++) {
      const chatId = 5000 + i;
      const t0 = Date.now();
      await frame.evaluate(
        (id) => (window as unknown as { post(x: unknown): void }).post({ type: 'New_Chat', data: { chat_id: id, session_type: 'Messaging Inbound (WhatsApp)' } }),
        chatId,
      );
      const request = await waitFor(() => sites.received.find((r) => r.query.chat === String(chatId)), 'the CRM request');
      latencies.push(request.at - t0);
      if (i === 9) {
        const worker = await ext.worker();
        const before = Date.now();
        await ext.stopWorker();
        console.log(`  (worker stopped after 10 events in ${Date.now() - before} ms; the next event wakes it)`);
        void worker;
      }
    }
    const tabs = await pagesAt(ext, `${sites.otherOrigin}/crm/`);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`event → CRM request in Chromium, 30 WhatsApp chats (one reused tab: ${tabs.length} CRM tab):`);
    console.log(`  p50 ${percentile(sorted, 50)} ms, p90 ${percentile(sorted, 90)} ms, max ${sorted.at(-1)} ms; after the worker restart ${latencies[10]} ms`);
    const worker = await ext.worker();
    const metrics = await worker.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    if (metrics) console.log(`  service worker JS heap: ${(metrics / 1024 / 1024).toFixed(1)} MiB`);
  } finally {
    await ext.close();
    await sites.close();
  }
}

hotPath();
await endToEnd();
