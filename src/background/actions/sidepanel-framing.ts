// Side panel and CRMs that refuse framing: for the origins an admin lists in
// `settings.sidePanelOrigins`, a declarativeNetRequest session rule removes X-Frame-Options and
// Content-Security-Policy from responses to frames that this extension's own side panel loads
// (initiator: this extension; no tab). The same CRM in a tab, or framed by any site or any other
// extension, keeps its headers. docs/configuration.md gives the security reasoning. The rules
// need host access to the CRM's origin (declarativeNetRequestWithHostAccess), which an admin who
// narrows runtime_allowed_hosts must leave to it.
import type { Config } from '../../core/config';
import { FRAMING_RULE_BASE, framingRules } from '../../core/placement';

const MAX_RULES = 50;

let applying: Promise<void> = Promise.resolve();

/** One update at a time: two overlapping ones would both add the same rule ids. */
export function applySidePanelFraming(config: Config): Promise<void> {
  const next = applying.then(() => replaceRules(config));
  applying = next.catch(() => undefined);
  return next;
}

async function replaceRules(config: Config): Promise<void> {
  const rules = framingRules(config.settings.sidePanelOrigins ?? [], chrome.runtime.id);
  const existing = await chrome.declarativeNetRequest.getSessionRules();
  const removeRuleIds = existing.map((r) => r.id).filter((id) => id >= FRAMING_RULE_BASE && id < FRAMING_RULE_BASE + MAX_RULES);
  await chrome.declarativeNetRequest.updateSessionRules({
    removeRuleIds,
    addRules: rules as unknown as chrome.declarativeNetRequest.Rule[],
  });
}
