// The most common setup mistake is an agent desktop whose events come from an origin missing in
// "Trusted senders". The bridge reports such messages (rate-limited); here they become one
// diagnostics line and a popup prompt, and the prompt's button adds the origin.
import type { IgnoredMessage, SaveConfigReply } from '../core/worker-api';
import { refusal } from '../core/reply-codes';
import { adapt } from '../core/adapters';
import { matchesOrigin, matchesPage } from '../core/patterns';
import { currentConfig, currentUserConfig, saveUserConfig } from './config-store';
import { logDiagnostic } from './diagnostics';
import { clearIgnored, noteIgnored, readHealth } from './source-health';

export async function handleIgnored(message: IgnoredMessage, frameUrl: string | undefined): Promise<void> {
  if (!frameUrl || typeof message.origin !== 'string' || !Array.isArray(message.sourceIds)) return;
  const pageOrigin = new URL(frameUrl).origin;
  for (const sourceId of message.sourceIds) {
    const source = currentConfig().sources.find((s) => s.id === sourceId);
    if (!source || !source.pages.some((page) => matchesPage(page, frameUrl))) continue;
    if (source.senders.some((pattern) => matchesOrigin(pattern, message.origin))) continue;
    // Pages hear all sorts of postMessage traffic (analytics, widgets): only a message this
    // source's adapter understands is worth telling the agent about.
    if (!adapt(source, message.data).ok) continue;
    if (await noteIgnored(source.id, message.origin, pageOrigin)) {
      await logDiagnostic({ kind: 'ignored', code: 'untrustedOrigin', args: [source.id, message.origin] });
    }
  }
}

export async function trustOrigin(sourceId: string, origin: string): Promise<SaveConfigReply> {
  const user = currentUserConfig();
  const source = user.sources.find((s) => s.id === sourceId);
  const ignored = (await readHealth())[sourceId]?.ignored;
  // Only an origin the bridge actually reported: the popup cannot be used to trust anything else.
  if (!source || ignored?.origin !== origin) return refusal('trustUnknown');
  // No senders means "the page's own origin": keep that origin trusted next to the new one.
  const senders = source.senders.length ? source.senders : [ignored.pageOrigin];
  const next = {
    ...user,
    sources: user.sources.map((s) => (s.id === sourceId ? { ...s, senders: [...new Set([...senders, origin])] } : s)),
  };
  const saved = await saveUserConfig(next);
  if (saved.ok) {
    await clearIgnored(sourceId);
    await logDiagnostic({ kind: 'config', code: 'originTrusted', args: [sourceId, origin] });
  }
  return saved;
}
