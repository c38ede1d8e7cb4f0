// The side panel page reads what to show from its own address; only http(s) CRM pages are framed.
import { describe, expect, it } from 'vitest';
import { panelPath, readPanelView } from '../../src/core/sidepanel-view';

describe('side panel address', () => {
  it('round-trips a CRM URL with its own query and the target name', () => {
    const url = 'https://crm.example.com/contacts/search?phone=%2B390612345678&mail=a%40b.it#top';
    const path = panelPath(url, 'CRM WhatsApp');
    expect(path.startsWith('src/sidepanel/index.html?')).toBe(true);
    expect(readPanelView(path.slice(path.indexOf('?')))).toEqual({ url, target: 'CRM WhatsApp' });
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'chrome://settings', 'not a url', ''])(
    'shows nothing for %s',
    (url) => {
      expect(readPanelView(`?${new URLSearchParams({ url, target: 'CRM' })}`).url).toBeNull();
    },
  );

  it('a missing target is shown as "CRM"', () => {
    expect(readPanelView('?url=https%3A%2F%2Fcrm.example.com%2F').target).toBe('CRM');
  });
});
