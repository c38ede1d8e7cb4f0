// The pure rules behind placements: the target registry, the pages no action touches, the
// clean-up's conditions, the CRM window's bounds, the side panel's framing rules.
import { describe, expect, it } from 'vitest';
import { boundsKey, crmWindowBounds, framingRules, isSourcePage, mayCloseTab, TargetRegistry } from '../../src/core/placement';

const tab = (tabId: number) => ({ tabId, windowId: 1 });

describe('TargetRegistry', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('"%s" is unknown until set, then an ordinary name', (name) => {
    const registry = new TargetRegistry();
    expect(registry.get(name)).toBeUndefined();
    registry.set(name, tab(7));
    expect(registry.get(name)).toEqual(tab(7));
    const restored = new TargetRegistry(JSON.parse(JSON.stringify(registry.entries())));
    expect(restored.get(name)).toEqual(tab(7));
    expect(restored.get('CRM Voice')).toBeUndefined();
  });

  it('ignores stored entries that are not a tab (an old object-shaped registry, a missing id)', () => {
    expect(new TargetRegistry({ toString: tab(1) }).entries()).toEqual([]);
    expect(new TargetRegistry([['CRM', { windowId: 1 }], ['CRM', tab(Number.NaN)]]).entries()).toEqual([]);
  });

  it('forgets a closed tab under every name', () => {
    const registry = new TargetRegistry();
    registry.set('CRM Voice', tab(3));
    registry.set('toString', tab(3));
    registry.set('CRM Chat', tab(4));
    expect(registry.forgetTab(3)).toBe(true);
    expect(registry.entries().map(([name]) => name)).toEqual(['CRM Chat']);
    expect(registry.forgetTab(3)).toBe(false);
  });
});

const sources = [{ pages: ['https://agent.example.com/desktop/*'] }];

describe('source pages and the clean-up', () => {
  it('knows an agent desktop by the sources\' page patterns', () => {
    expect(isSourcePage('https://agent.example.com/desktop/index.html', sources)).toBe(true);
    expect(isSourcePage('https://agent.example.com/crm/1', sources)).toBe(false);
    expect(isSourcePage(undefined, sources)).toBe(false);
  });

  const opened = { origin: 'https://agent.example.com', interactionKey: 'sp/1' };
  it('closes only the page we opened, for this interaction, and never an agent desktop', () => {
    expect(mayCloseTab(opened, { url: 'https://agent.example.com/crm/2', interactionKey: 'sp/1' }, sources)).toBe(true);
    expect(mayCloseTab(opened, { url: 'https://other.example.com/', interactionKey: 'sp/1' }, sources)).toBe(false);
    expect(mayCloseTab(opened, { url: 'https://agent.example.com/crm/1', interactionKey: 'sp/2' }, sources)).toBe(false);
    expect(mayCloseTab(opened, { url: 'https://agent.example.com/crm/1', interactionKey: undefined }, sources)).toBe(false);
    expect(mayCloseTab(opened, { url: 'https://agent.example.com/desktop/index.html', interactionKey: 'sp/1' }, sources)).toBe(false);
  });
});

describe('CRM window bounds', () => {
  const setting = { left: 1920, top: 0, width: 1280, height: 1000 };
  it('opens where the action says until the agent moves it, then where the agent left it', () => {
    expect(crmWindowBounds(setting, undefined)).toEqual(setting);
    const moved = { bounds: { left: 2000, top: 40, width: 900, height: 800, state: 'normal' as const }, actionSetting: boundsKey(setting) };
    expect(crmWindowBounds(setting, moved)).toEqual(moved.bounds);
    expect(crmWindowBounds(undefined, { ...moved, actionSetting: boundsKey(undefined) })).toEqual(moved.bounds);
  });

  it('a new admin setting wins over the agent\'s old position', () => {
    const moved = { bounds: { left: 5, top: 5 }, actionSetting: boundsKey(setting) };
    expect(crmWindowBounds({ ...setting, left: 0 }, moved)).toEqual({ ...setting, left: 0 });
  });
});

describe('side panel framing rules', () => {
  it('one rule per listed origin, for sub-frames the extension loads outside any tab', () => {
    const rules = framingRules(['https://crm.example.com', 'http://localhost:8080', 'https://*.dynamics.com'], 'abc');
    expect(rules).toHaveLength(3);
    for (const rule of rules) {
      expect(rule.condition).toMatchObject({ resourceTypes: ['sub_frame'], initiatorDomains: ['abc'], tabIds: [-1] });
      expect(rule.action.responseHeaders.map((h) => h.header)).toEqual(['x-frame-options', 'content-security-policy']);
    }
    expect(rules[0]!.condition.urlFilter).toBe('|https://crm.example.com/');
    expect(rules[1]!.condition.urlFilter).toBe('|http://localhost:8080/');
    const wildcard = new RegExp(rules[2]!.condition.regexFilter!);
    expect(wildcard.test('https://org.crm4.dynamics.com/main.aspx')).toBe(true);
    expect(wildcard.test('https://dynamics.com/')).toBe(true);
    expect(wildcard.test('https://evildynamics.com/')).toBe(false);
    expect(wildcard.test('http://org.dynamics.com/')).toBe(false);
    expect(new Set(rules.map((r) => r.id)).size).toBe(3);
  });

  it('no origins, no rules', () => {
    expect(framingRules([], 'abc')).toEqual([]);
  });
});
