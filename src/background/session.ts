// Worker state that must survive a service-worker restart but not the browser session: kept in
// chrome.storage.session (memory-backed, never written to disk), so personal data in it dies
// with the browser.
import browser from 'webextension-polyfill';

export async function readSession<T>(key: string, fallback: T): Promise<T> {
  const stored = await browser.storage.session.get(key);
  return (stored[key] as T | undefined) ?? fallback;
}

export async function writeSession(values: Record<string, unknown>): Promise<void> {
  await browser.storage.session.set(values);
}
