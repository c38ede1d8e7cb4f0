// The first-run guide: for each agent desktop, three answers make a source and a template that
// pop on that vendor's sample event.
import { describe, expect, it } from 'vitest';
import { completeOrigin, completePagePattern, guideConfig, GUIDE_VENDORS } from '../../src/core/first-run';
import { preview } from '../../src/options/preview-model';

describe('first-run guide', () => {
  it.each(GUIDE_VENDORS)('%s: the sample event pops the CRM with the customer', (vendor) => {
    const result = guideConfig({ vendor, desktop: 'desktop.example.com', crm: 'https://crm.example.com/search' }, 'My CRM');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const source = result.config.sources[0]!;
    const shown = preview(result.config, source, result.sample);
    if (!shown.ok) throw new Error(shown.reason);
    const row = shown.rows[0]!;
    expect(row.matched, row.reason).toBe(true);
    expect(row.output.kind).toBe('url');
    expect(row.output.kind === 'url' && row.output.url).toMatch(/^https:\/\/crm\.example\.com\/search\?(phone|customer)=%2B\d+$/);
    expect(result.config.templates[0]).toMatchObject({ name: 'My CRM', when: { phases: ['answered', 'on_demand'] } });
  });

  it('CCAI listens on the CRM page and trusts the CCAI address', () => {
    const result = guideConfig({ vendor: 'ccai', desktop: 'acme.ccaiplatform.com', crm: 'crm.example.com/search?phone={ANI}' }, 'CRM');
    expect(result.ok && result.config.sources[0]).toMatchObject({
      pages: ['https://crm.example.com/*'],
      senders: ['https://crm.example.com', 'https://acme.ccaiplatform.com'],
    });
    expect(result.ok && result.config.templates[0]).toMatchObject({ url: 'https://crm.example.com/search?phone={ANI}', params: [] });
  });

  it('says which answer is missing or not an address', () => {
    expect(guideConfig({ vendor: 'puzzel', desktop: '', crm: 'not an address' }, 'CRM')).toEqual({
      ok: false,
      problems: [
        { field: 'desktop', code: 'guideAddressMissing' },
        { field: 'crm', code: 'guideAddressInvalid' },
      ],
    });
  });

  it('completes a bare origin into an address and a page pattern', () => {
    expect(completeOrigin('crm.example.com')).toBe('https://crm.example.com');
    expect(completeOrigin('http://127.0.0.1:8080/desk/x.html')).toBe('http://127.0.0.1:8080');
    expect(completeOrigin('hello')).toBeNull();
    expect(completePagePattern('https://crm.example.com')).toBe('https://crm.example.com/*');
    expect(completePagePattern('https://crm.example.com/')).toBe('https://crm.example.com/*');
    expect(completePagePattern('crm.example.com')).toBe('https://crm.example.com/*');
    expect(completePagePattern('https://crm.example.com/app/*')).toBe('https://crm.example.com/app/*');
  });
});

describe('default country', () => {
  it('comes from the browser\'s language when the document leaves it empty', async () => {
    const { countryFromLocale, withCountry } = await import('../../src/core/locale-country');
    expect(['it', 'it-IT', 'ru', 'en', 'en-GB', 'pt-BR', 'xx-invalid-!'].map((l) => countryFromLocale(l))).toEqual(['IT', 'IT', 'RU', 'US', 'GB', 'BR', 'US']);
    expect(withCountry({ settings: { defaultCountry: '' } }, 'it').settings.defaultCountry).toBe('IT');
    expect(withCountry({ settings: { defaultCountry: 'NO' } }, 'it').settings.defaultCountry).toBe('NO');
  });
});
