// The durable webhook outbox. A delivery is written to IndexedDB before the first attempt and
// removed only once it is delivered or given up, so a service-worker or browser restart between
// attempts loses nothing: the worker flushes the outbox when it starts and when its alarm rings.
// While the worker lives, a timer drives the quicker retries the alarm's 30 s floor would not.
import { createStore, del, get, set, values, type UseStore } from 'idb-keyval';
import { authHeaders } from '../../core/templates';
import { currentConfig } from '../config-store';
import { logDiagnostic } from '../diagnostics';
import { drainCapped, NO_REDIRECT_REASON, webhookFetch } from '../http';
import {
  backoffDelay,
  decide,
  dueDeliveries,
  loggableUrl,
  newDelivery,
  nextWake,
  withIdempotencyKey,
  type AttemptOutcome,
  type Delivery,
} from '../../core/outbox-policy';
import { reasonText } from '../../core/reason-codes';

export const OUTBOX_ALARM = 'webhook-outbox';

const DATABASE = 'crm-screenpop-outbox';
let store: UseStore | null = null;
const outbox = () => (store ??= createStore(DATABASE, 'deliveries'));
/** Set while the emptied database is being deleted: writes wait for it. */
let dropping: Promise<void> = Promise.resolve();

let flushing: Promise<void> | null = null;
let flushAgain = false;
/** Deliveries being written: the database is not dropped under them. */
let writing = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

export async function enqueue(fields: Parameters<typeof newDelivery>[0]): Promise<Delivery> {
  writing++;
  let delivery: Delivery;
  try {
    await dropping;
    // Delivered again after a worker restart: the waiting delivery keeps its attempts and back-off.
    const waiting = await get<Delivery>(fields.id, outbox()).catch(() => undefined);
    if (waiting) return waiting;
    delivery = newDelivery(fields, Date.now());
    await set(delivery.id, delivery, outbox());
  } finally {
    writing--;
  }
  // Not awaited: a slow webhook must not hold up the next screen pop.
  void flushOutbox();
  return delivery;
}

/** Attempts every due delivery, one at a time (a receiver sees ringing before answered). */
export function flushOutbox(): Promise<void> {
  if (flushing) {
    flushAgain = true;
    return flushing;
  }
  flushing = (async () => {
    do {
      flushAgain = false;
      const due = dueDeliveries(await values<Delivery>(outbox()), Date.now());
      for (const delivery of due) await attempt(delivery);
      await scheduleWake();
      // A delivery queued meanwhile asked for another round.
    } while (flushAgain);
  })()
    .catch((error: unknown) => console.error('CRM Screenpop: webhook outbox', error))
    .finally(() => {
      flushing = null;
    });
  return flushing;
}

async function attempt(delivery: Delivery): Promise<void> {
  const outcome = await send(delivery);
  const decision = decide(delivery, outcome, Date.now());
  const attemptNo = delivery.attempts + 1;
  const base = { key: delivery.interactionKey || undefined, detail: describe(delivery) };
  const name = delivery.templateName || delivery.templateId;
  if (decision.kind === 'delivered') {
    await del(delivery.id, outbox());
    await logDiagnostic({
      kind: 'action',
      ...base,
      code: 'webhookDelivered',
      args: [name, String(decision.status), String(attemptNo)],
    });
  } else if (decision.kind === 'retry') {
    await set(delivery.id, decision.delivery, outbox());
    const wait = Math.round(backoffDelay(decision.delivery.attempts) / 1000);
    await logDiagnostic({
      kind: 'action',
      ...base,
      code: 'webhookRetry',
      args: [name, String(attemptNo), decision.reason, String(wait)],
    });
  } else {
    await del(delivery.id, outbox());
    await logDiagnostic({ kind: 'error', ...base, code: 'webhookFailed', args: [name, decision.reason] });
  }
}

async function send(delivery: Delivery): Promise<AttemptOutcome> {
  const request = withIdempotencyKey(delivery);
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), delivery.timeoutMs);
  try {
    const response = await webhookFetch(request.url, {
      method: request.method,
      headers: { ...request.headers, ...credentialsFor(delivery) },
      body: request.body,
      signal: controller.signal,
    });
    if (response.type === 'opaqueredirect') return { error: NO_REDIRECT_REASON, permanent: true };
    await drainCapped(response);
    return { status: response.status };
  } catch (error) {
    if (controller.signal.aborted) return { error: reasonText('noAnswerWithin', String(delivery.timeoutMs)) };
    return { error: reasonText('networkError', (error as Error).message || 'unreachable') };
  } finally {
    clearTimeout(timeout);
  }
}

/**
 * The template's credentials, read from the configuration in force now — only while the template
 * still sends to the delivery's origin: a template edited to another host gets none of them.
 */
function credentialsFor(delivery: Delivery): Record<string, string> {
  const template = currentConfig().templates.find((t) => t.id === delivery.templateId);
  if (template?.action.type !== 'webhook' || !template.url) return {};
  if (originOf(template.url) !== originOf(delivery.request.url)) return {};
  const credentials = authHeaders(template.action);
  return credentials.ok ? credentials.headers : {};
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Method and URL for the log: never headers (credentials), never userinfo. */
function describe(delivery: Delivery): string {
  return `${delivery.request.method} ${loggableUrl(delivery.request.url)}`;
}

async function scheduleWake(): Promise<void> {
  clearTimeout(timer);
  const next = nextWake(await values<Delivery>(outbox()));
  if (next === null) {
    // A delivery written after that read (or being written) must not go with the database.
    if (writing > 0 || flushAgain) return;
    dropping = dropDatabase();
    await dropping;
    return;
  }
  // The alarm wakes a stopped worker (Chrome holds it to at least 30 s); the timer is quicker.
  await chrome.alarms.create(OUTBOX_ALARM, { when: Math.max(next, Date.now() + 1_000) });
  timer = setTimeout(() => void flushOutbox(), Math.max(0, next - Date.now()));
}

/**
 * A deleted delivery's body (the customer's number) stays readable in the database's files until
 * LevelDB compacts them; deleting the emptied database removes its files at once.
 */
async function dropDatabase(): Promise<void> {
  const open = store;
  store = null;
  if (open) await open('readonly', (objects) => objects.transaction.db.close()).catch(() => undefined);
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(DATABASE);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
