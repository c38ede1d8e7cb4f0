// The options page's pure helpers that keep webhook secrets on the agent's machine: export
// redaction, restoring a blanked secret on import, masking headers in the preview.
import { describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/core/config';
import { exportDocument, REDACTED, restoreSecrets } from '../../src/options/draft';
import { maskHeaders } from '../../src/options/preview-model';

function config(auth: unknown, url = 'https://hooks.example.com/calls'): Config {
  const result = parseConfig({
    version: 1,
    templates: [
      { id: 'log', when: { phases: ['ended'] }, url, action: { type: 'webhook', method: 'POST', auth } },
      { id: 'tab', url: 'https://crm.example.com/?q={ANI}', action: { type: 'tab' } },
    ],
  });
  if (!result.ok) throw new Error(result.error);
  return result.config;
}

const webhookAuth = (doc: Config) => {
  const action = doc.templates[0]!.action;
  if (action.type !== 'webhook') throw new Error('not a webhook');
  return action.auth;
};

describe('exportDocument', () => {
  it('blanks a basic password and a header value unless secrets are asked for', () => {
    const basic = config({ type: 'basic', username: 'crm', password: 's3cret' });
    expect(webhookAuth(exportDocument(basic, false))).toEqual({ type: 'basic', username: 'crm', password: REDACTED });
    expect(webhookAuth(exportDocument(basic, true))).toEqual({ type: 'basic', username: 'crm', password: 's3cret' });
    const header = config({ type: 'header', name: 'X-Api-Key', value: 'k-123' });
    expect(webhookAuth(exportDocument(header, false))).toEqual({ type: 'header', name: 'X-Api-Key', value: REDACTED });
  });

  it('never changes the document it was given', () => {
    const basic = config({ type: 'basic', username: 'crm', password: 's3cret' });
    exportDocument(basic, false);
    expect(webhookAuth(basic)).toMatchObject({ password: 's3cret' });
  });
});

describe('restoreSecrets', () => {
  it('an exported file imported back keeps the stored secret', () => {
    const current = config({ type: 'header', name: 'X-Api-Key', value: 'k-123' });
    const back = restoreSecrets(exportDocument(current, false), current).config;
    expect(webhookAuth(back)).toEqual({ type: 'header', name: 'X-Api-Key', value: 'k-123' });
  });

  it('a secret is not given to another user name or another header', () => {
    const current = config({ type: 'basic', username: 'crm', password: 's3cret' });
    const other = config({ type: 'basic', username: 'someone-else', password: REDACTED });
    expect(webhookAuth(restoreSecrets(other, current).config)).toMatchObject({ password: REDACTED });
    const currentHeader = config({ type: 'header', name: 'X-Api-Key', value: 'k-123' });
    const otherHeader = config({ type: 'header', name: 'Authorization', value: REDACTED });
    expect(webhookAuth(restoreSecrets(otherHeader, currentHeader).config)).toMatchObject({ value: REDACTED });
  });

  it('a secret typed in the imported file wins', () => {
    const current = config({ type: 'basic', username: 'crm', password: 'old' });
    const imported = config({ type: 'basic', username: 'crm', password: 'new' });
    expect(webhookAuth(restoreSecrets(imported, current).config)).toMatchObject({ password: 'new' });
  });
});

describe('maskHeaders', () => {
  it('shows that credentials are sent, never their value', () => {
    const basic = config({ type: 'basic', username: 'crm', password: 's3cret' });
    expect(maskHeaders({ Authorization: 'Basic Y3JtOnMzY3JldA==', 'Content-Type': 'application/json' }, basic.templates[0]!)).toEqual({
      Authorization: 'Basic ••••••',
      'Content-Type': 'application/json',
    });
    const header = config({ type: 'header', name: 'X-Api-Key', value: 'k-123' });
    expect(maskHeaders({ 'X-Api-Key': 'k-123' }, header.templates[0]!)).toEqual({ 'X-Api-Key': '••••••' });
  });

  it('leaves the headers of a template without credentials alone', () => {
    expect(maskHeaders({ 'Idempotency-Key': 'abc' }, config({ type: 'none' }).templates[1]!)).toEqual({ 'Idempotency-Key': 'abc' });
  });
});
