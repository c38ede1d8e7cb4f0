// examples/lookup-*.json against answers shaped as each vendor's public API documentation shows them:
// the request each sends, the contact it finds, the record URL it opens.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig, type Template } from '../../src/core/config';
import { decide, lookupRequest } from '../../src/core/lookup';
import type { RenderContext } from '../../src/core/templates';

function example(name: string): { template: Template & { lookup: NonNullable<Template['lookup']> }; ctx: RenderContext } {
  const parsed = parseConfig(readFileSync(new URL(`../../examples/lookup-${name}.json`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(`examples/lookup-${name}.json is invalid:\n${parsed.error}`);
  const template = parsed.config.templates[0]!;
  if (!template.lookup) throw new Error('no lookup');
  return { template: template as Template & { lookup: NonNullable<Template['lookup']> }, ctx: { vars: { ANI: '+39 333 1234567' }, raw: null, settings: parsed.config.settings } };
}

function run(name: string, body: unknown) {
  const { template, ctx } = example(name);
  return decide(template, template.lookup, { ok: true, status: 200, body }, ctx);
}

describe('HubSpot CRM search (POST /crm/v3/objects/contacts/search)', () => {
  // The CRM search guide's answer: total, results[] of { id, properties, createdAt, updatedAt, archived }, paging.
  const contact = (id: string, first: string, last: string) => ({
    id,
    properties: { createdate: '2024-01-10T10:00:00.000Z', email: `${first.toLowerCase()}@example.com`, firstname: first, hs_object_id: id, lastmodifieddate: '2024-02-01T10:00:00.000Z', lastname: last },
    createdAt: '2024-01-10T10:00:00.000Z',
    updatedAt: '2024-02-01T10:00:00.000Z',
    archived: false,
  });

  it('sends the number as the search query with the private-app token', () => {
    const { template, ctx } = example('hubspot');
    const rendered = lookupRequest(template.lookup, ctx);
    expect(rendered.ok && rendered.request).toMatchObject({
      method: 'POST',
      url: 'https://api.hubapi.com/crm/v3/objects/contacts/search',
      body: '{"query":"+393331234567"}',
      headers: { Authorization: 'Bearer YOUR-PRIVATE-APP-TOKEN', 'Content-Type': 'application/json' },
    });
  });

  it('one contact: its record', () => {
    expect(run('hubspot', { total: 1, results: [contact('512', 'Ada', 'Rossi')] })).toMatchObject({
      kind: 'open',
      urls: ['https://app.hubspot.com/contacts/YOUR-PORTAL-ID/record/0-1/512'],
      vars: { ACCOUNT_ID: '512', FIRST_NAME: 'Ada', LAST_NAME: 'Rossi', ACCOUNT_EMAIL: 'ada@example.com' },
    });
  });

  it('two: the chooser names them "first last"', () => {
    const decision = run('hubspot', { total: 2, results: [contact('1', 'Ada', 'Rossi'), contact('2', 'Bruno', 'Rossi')], paging: { next: { after: '2' } } });
    expect(decision.kind === 'ask' && decision.choices.map((c) => c.label)).toEqual(['Ada Rossi', 'Bruno Rossi']);
  });

  it('none (total 0, results []): the contacts list searched for the number', () => {
    expect(run('hubspot', { total: 0, results: [] })).toMatchObject({ kind: 'noMatch', url: expect.stringContaining('query=393331234567') });
  });
});

describe('Zendesk Support user search (GET /api/v2/users/search.json)', () => {
  // The Users API's list answer: users[] of { id, url, name, email, phone, role, … }, next_page, previous_page, count.
  const user = { id: 35436, url: 'https://your-subdomain.zendesk.com/api/v2/users/35436.json', name: 'Johnny Agent', email: 'johnny@example.com', phone: '+393331234567', role: 'end-user', active: true };

  it('searches end users by the digits of the number, with API-token basic auth', () => {
    const { template, ctx } = example('zendesk');
    const rendered = lookupRequest(template.lookup, ctx);
    expect(rendered.ok && rendered.request.url).toBe('https://your-subdomain.zendesk.com/api/v2/users/search.json?query=role%3Aend-user%20phone%3A*393331234567');
    expect(rendered.ok && rendered.request.headers.Authorization).toBe(`Basic ${btoa('agent@example.com/token:YOUR-API-TOKEN')}`);
  });

  it('one user: the profile page', () => {
    expect(run('zendesk', { users: [user], next_page: null, previous_page: null, count: 1 })).toMatchObject({
      kind: 'open',
      urls: ['https://your-subdomain.zendesk.com/agent/users/35436'],
      vars: { ACCOUNT_ID: '35436', ACCOUNT_NAME: 'Johnny Agent' },
    });
  });

  it('none: the new-user page with the number', () => {
    expect(run('zendesk', { users: [], next_page: null, previous_page: null, count: 0 })).toEqual({ kind: 'noMatch', url: 'https://your-subdomain.zendesk.com/agent/users/new?phone=%2B393331234567' });
  });
});

describe('Dynamics 365 Web API (GET /api/data/v9.2/contacts)', () => {
  // OData answer: @odata.context and value[] of the $select-ed columns with @odata.etag.
  const answer = {
    '@odata.context': 'https://your-org.crm.dynamics.com/api/data/v9.2/$metadata#contacts(contactid,fullname,emailaddress1)',
    value: [{ '@odata.etag': 'W/"1234567"', contactid: '49a0e5b9-88df-e311-b8e5-6c3be5a8b200', fullname: 'Yvonne McKay', emailaddress1: 'yvonne@example.com' }],
  };

  it('filters on the phone columns, OAuth 2.0 (the worker adds the bearer token)', () => {
    const { template, ctx } = example('dynamics365');
    const rendered = lookupRequest(template.lookup, ctx);
    const url = new URL(rendered.ok ? rendered.request.url : 'http://x');
    expect(url.searchParams.get('$filter')).toBe("contains(telephone1,'393331234567') or contains(mobilephone,'393331234567')");
    expect(url.searchParams.get('$select')).toBe('contactid,fullname,emailaddress1');
    expect(rendered.ok && rendered.request.headers.Authorization).toBeUndefined();
  });

  it('one contact: its form', () => {
    expect(run('dynamics365', answer)).toMatchObject({
      kind: 'open',
      urls: ['https://your-org.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=49a0e5b9-88df-e311-b8e5-6c3be5a8b200'],
    });
  });

  it('an empty value[]: the new-contact form with the number', () => {
    expect(run('dynamics365', { '@odata.context': answer['@odata.context'], value: [] })).toMatchObject({ kind: 'noMatch', url: expect.stringContaining('extraqs=telephone1%3D%2B393331234567') });
  });
});

describe('Salesforce REST query (GET /services/data/vXX.X/query?q=SOQL)', () => {
  // The Query resource's answer: totalSize, done, records[] of { attributes: { type, url }, …fields }.
  const record = (id: string, name: string) => ({ attributes: { type: 'Contact', url: `/services/data/v60.0/sobjects/Contact/${id}` }, Id: id, Name: name, Email: null });

  it('the SOQL query carries the number in E.164 (digits and "+" only: no quote can end the string)', () => {
    const { template, ctx } = example('salesforce');
    const hostile = { ...ctx, vars: { ANI: "1' OR Name != '" } };
    const rendered = lookupRequest(template.lookup, hostile);
    const q = new URL(rendered.ok ? rendered.request.url : 'http://x').searchParams.get('q');
    expect(q).toBe("SELECT Id, Name, Email FROM Contact WHERE Phone = '1' OR MobilePhone = '1' LIMIT 10");
  });

  it('one record: its Lightning page; a null Email is empty text', () => {
    expect(run('salesforce', { totalSize: 1, done: true, records: [record('003RO0000035WQgYAM', 'John Smith')] })).toMatchObject({
      kind: 'open',
      urls: ['https://your-domain.lightning.force.com/lightning/r/Contact/003RO0000035WQgYAM/view'],
      vars: { ACCOUNT_ID: '003RO0000035WQgYAM', ACCOUNT_NAME: 'John Smith', ACCOUNT_EMAIL: '' },
    });
  });

  it('three records: the chooser', () => {
    const decision = run('salesforce', { totalSize: 3, done: true, records: [record('003A', 'A'), record('003B', 'B'), record('003C', 'C')] });
    expect(decision.kind === 'ask' && decision.choices.map((c) => c.url.split('/').at(-2))).toEqual(['003A', '003B', '003C']);
  });
});
