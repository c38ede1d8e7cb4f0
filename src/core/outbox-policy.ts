// When a webhook delivery is retried and when it is given up: pure functions, no chrome.* calls,
// so the schedule can be tested without a browser or a clock.
import type { WebhookRequest } from './templates';
import { reasonText } from './reason-codes';

export const FIRST_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 10;

/** One webhook call waiting in the outbox. Stored as is in IndexedDB. */
export interface Delivery {
  id: string;
  request: WebhookRequest;
  /** Sent as `Idempotency-Key` on every attempt, so the receiver can drop a repeat. */
  idempotencyKey: string;
  templateId: string;
  /** The template's name when queued (diagnostics name it as the agent typed it); absent in older deliveries. */
  templateName?: string;
  /** Interaction key, for diagnostics. */
  interactionKey: string;
  timeoutMs: number;
  attempts: number;
  /** Earliest time of the next attempt (ms since epoch). */
  nextAt: number;
  createdAt: number;
  /** Why the last attempt failed, for diagnostics. */
  lastError?: string;
}

/** What one attempt came to: an HTTP status, or no answer (`permanent`: retrying cannot help). */
export type AttemptOutcome = { status: number } | { error: string; permanent?: boolean };

export type Decision =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; delivery: Delivery; reason: string }
  | { kind: 'failed'; reason: string };

export function newDelivery(
  fields: Pick<Delivery, 'id' | 'request' | 'idempotencyKey' | 'templateId' | 'interactionKey' | 'timeoutMs'> & Partial<Pick<Delivery, 'templateName'>>,
  now: number,
): Delivery {
  return { ...fields, attempts: 0, nextAt: now, createdAt: now };
}

/** Wait before attempt `attempts + 1`, after `attempts` failures: 2 s, 4 s, 8 s … at most 5 min. */
export function backoffDelay(attempts: number): number {
  if (attempts <= 0) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempts - 1, 30));
}

/** Server trouble or overload is worth another try; any other refusal will not change. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

export function decide(delivery: Delivery, outcome: AttemptOutcome, now: number): Decision {
  const attempts = delivery.attempts + 1;
  if ('status' in outcome && outcome.status >= 200 && outcome.status < 300) {
    return { kind: 'delivered', status: outcome.status };
  }
  const reason = 'status' in outcome ? reasonText('httpStatus', String(outcome.status)) : outcome.error;
  if ('status' in outcome && !isRetryableStatus(outcome.status)) return { kind: 'failed', reason };
  if ('error' in outcome && outcome.permanent) return { kind: 'failed', reason };
  if (attempts >= MAX_ATTEMPTS) return { kind: 'failed', reason: reasonText('gaveUp', reason, String(attempts)) };
  return {
    kind: 'retry',
    reason,
    delivery: { ...delivery, attempts, nextAt: now + backoffDelay(attempts), lastError: reason },
  };
}

/** Deliveries due at `now`, oldest first. */
export function dueDeliveries(all: readonly Delivery[], now: number): Delivery[] {
  return all.filter((d) => d.nextAt <= now).sort((a, b) => a.createdAt - b.createdAt);
}

/** When the outbox next needs the worker, or null when it is empty. */
export function nextWake(all: readonly Delivery[]): number | null {
  return all.length ? Math.min(...all.map((d) => d.nextAt)) : null;
}

/** The request as sent: the stored one plus the idempotency header. */
export function withIdempotencyKey(delivery: Delivery): WebhookRequest {
  return { ...delivery.request, headers: { ...delivery.request.headers, 'Idempotency-Key': delivery.idempotencyKey } };
}

/** A URL fit for the log: never its userinfo (credentials). */
export function loggableUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}
