// The webhook outbox's retry schedule: which answers are retried, when, and when it gives up.
import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  decide,
  dueDeliveries,
  loggableUrl,
  MAX_ATTEMPTS,
  MAX_DELAY_MS,
  newDelivery,
  nextWake,
  withIdempotencyKey,
  type Delivery,
} from '../../src/core/outbox-policy';

const T0 = 1_700_000_000_000;

function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    ...newDelivery(
      {
        id: 'd1',
        idempotencyKey: 'key-1',
        templateId: 'tvox-ring',
        interactionKey: 'ad/u-1',
        timeoutMs: 5000,
        request: {
          method: 'POST',
          url: 'https://hooks.example.com/tvox',
          headers: { 'Content-Type': 'application/json', Authorization: 'Basic dXNlcjpzZWNyZXQ=' },
          body: '{"ani":"+390612345678"}',
        },
      },
      T0,
    ),
    ...overrides,
  };
}

describe('back-off schedule', () => {
  it('waits 2 s, 4 s, 8 s … after each failure, never more than 5 minutes', () => {
    expect([1, 2, 3, 4, 5].map(backoffDelay)).toEqual([2000, 4000, 8000, 16000, 32000]);
    expect(backoffDelay(9)).toBe(MAX_DELAY_MS);
    expect(backoffDelay(1000)).toBe(MAX_DELAY_MS);
    expect(backoffDelay(0)).toBe(0);
  });
});

describe('after an attempt', () => {
  it('any 2xx is delivered', () => {
    for (const status of [200, 201, 202, 204]) expect(decide(delivery(), { status }, T0).kind).toBe('delivered');
  });

  it.each([500, 502, 503, 504, 408, 429])('HTTP %i is retried 2 s later with the same Idempotency-Key', (status) => {
    const decision = decide(delivery(), { status }, T0 + 100);
    expect(decision.kind).toBe('retry');
    if (decision.kind !== 'retry') return;
    expect(decision.delivery.attempts).toBe(1);
    expect(decision.delivery.nextAt).toBe(T0 + 100 + 2000);
    expect(decision.delivery.idempotencyKey).toBe('key-1');
    expect(decision.reason).toBe(`HTTP ${status}`);
  });

  it('a network error or a timeout is retried', () => {
    const decision = decide(delivery({ attempts: 2 }), { error: 'no answer within 5000 ms' }, T0);
    expect(decision).toMatchObject({ kind: 'retry', delivery: { attempts: 3, nextAt: T0 + 8000 } });
  });

  it.each([400, 401, 403, 404, 405, 410, 422, 301])('HTTP %i fails at once: asking again would not change it', (status) => {
    expect(decide(delivery(), { status }, T0)).toEqual({ kind: 'failed', reason: `HTTP ${status}` });
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts`, () => {
    let current = delivery();
    let decision = decide(current, { status: 503 }, T0);
    let attempts = 1;
    while (decision.kind === 'retry') {
      current = decision.delivery;
      decision = decide(current, { status: 503 }, current.nextAt);
      attempts++;
    }
    expect(attempts).toBe(MAX_ATTEMPTS);
    expect(decision).toEqual({ kind: 'failed', reason: `HTTP 503, after ${MAX_ATTEMPTS} attempts` });
  });

  it('the whole retry span stays under half an hour', () => {
    let total = 0;
    for (let n = 1; n < MAX_ATTEMPTS; n++) total += backoffDelay(n);
    expect(total).toBeLessThan(30 * 60_000);
    expect(total).toBeGreaterThan(5 * 60_000);
  });
});

describe('the outbox queue', () => {
  it('due deliveries are those whose time has come, oldest first', () => {
    const a = delivery({ id: 'a', createdAt: T0 + 5, nextAt: T0 });
    const b = delivery({ id: 'b', createdAt: T0 + 1, nextAt: T0 - 10 });
    const later = delivery({ id: 'c', createdAt: T0, nextAt: T0 + 2000 });
    expect(dueDeliveries([a, later, b], T0).map((d) => d.id)).toEqual(['b', 'a']);
    expect(nextWake([a, later, b])).toBe(T0 - 10);
    expect(nextWake([])).toBeNull();
  });

  it('every attempt carries the Idempotency-Key header and keeps the auth header', () => {
    const request = withIdempotencyKey(delivery());
    expect(request.headers['Idempotency-Key']).toBe('key-1');
    expect(request.headers.Authorization).toBe('Basic dXNlcjpzZWNyZXQ=');
    expect(request.body).toBe('{"ani":"+390612345678"}');
  });

  it('URLs in the log lose their credentials', () => {
    expect(loggableUrl('https://user:secret@hooks.example.com/x?a=1')).toBe('https://hooks.example.com/x?a=1');
    expect(loggableUrl('https://hooks.example.com/x')).toBe('https://hooks.example.com/x');
  });
});
