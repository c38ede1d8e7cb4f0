// How the worker talks to webhook receivers (the outbox and the options page's test pop): no
// cookies, no redirects, and no more of the answer than it needs.
import { reasonText } from '../core/reason-codes';

/** The answer's body is read up to this and dropped: a receiver cannot fill the worker's memory. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Redirects are not followed at all, not even within settings.allowedUrlPrefixes: a 307 would
 * re-send the body (the customer's number) and the template's credentials to wherever the
 * receiver points, and a receiver has no reason to move a webhook.
 */
export const NO_REDIRECT_REASON = reasonText('receiverRedirect');

export function webhookFetch(url: string, init: RequestInit): Promise<Response> {
  return fetch(url, { ...init, redirect: 'manual', credentials: 'omit', cache: 'no-store' });
}

/** Reads and discards the body up to MAX_RESPONSE_BYTES, then drops the connection's rest. */
export async function drainCapped(response: Response): Promise<void> {
  const reader = response.body?.getReader();
  if (!reader) return;
  let read = 0;
  try {
    while (read < MAX_RESPONSE_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // A broken answer body changes nothing: the status is what counts.
  }
}
