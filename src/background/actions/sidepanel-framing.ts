// Side panel and CRMs that refuse framing: for the origins an admin lists in
// `settings.sidePanelOrigins`, a declarativeNetRequest session rule removes X-Frame-Options and
// Content-Security-Policy from responses to frames that this extension's own side panel loads
// (initiator: this extension; no tab). The same CRM in a tab, or framed by any site or any other
// extension, keeps its headers. docs/configuration.md gives the security reasoning.
import type { Config } from '../../core/config';
import { FRAMING_RULE_BASE, framingRules } from '../../core/placement';

const MAX_RULES = 50;

export async function applySidePanelFraming(config: Config): Promise<void> {
  const rules = framingRules(config.settings.sidePanelOrigins ?? [], chrome.runtime.id);
  const existing = await chrome.declarativeNetRequest.getSessionRules();
  const removeRuleIds = existing.map((r) => r.id).filter((id) => id >= FRAMING_RULE_BASE && id < FRAMING_RULE_BASE + MAX_RULES);
  await chrome.declarativeNetRequest.updateSessionRules({
    removeRuleIds,
    addRules: rules as unknown as chrome.declarativeNetRequest.Rule[],
  });
}
