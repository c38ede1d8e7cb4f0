// `extract` rules run on text the customer wrote: no pattern may stall the worker, and patterns that
// work today must give the same results as JavaScript's RegExp.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adapt } from '../../src/core/adapters';
import { compileLinear, type LinearRegex } from '../../src/core/adapters/linear-regex';
import { MAX_EXTRACT_RULES, MAX_EXTRACT_STEPS } from '../../src/core/adapters/generic';
import { parseConfig, SourceSchema } from '../../src/core/config';

function compiled(pattern: string, flags = ''): LinearRegex {
  const result = compileLinear(pattern, flags);
  if (!result.ok) throw new Error(result.error);
  return result.regex;
}

function nativeExec(pattern: string, flags: string, text: string): (string | undefined)[] | null {
  const match = new RegExp(pattern, flags).exec(text);
  return match ? Array.from(match) : null;
}

/** The e-mail body of the reproduction, and a timer that counts only what the matcher does. */
function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe('extract rules cannot stall the worker', () => {
  const mailSource = SourceSchema.parse({
    id: 'mail',
    adapter: 'generic',
    pages: ['https://desk.example.com/*'],
    mapping: {
      type: 'type',
      interactionId: 'id',
      extract: [
        { var: 'ACCOUNT', from: 'body', pattern: '(\\d+\\s*)+x' },
        { var: 'WORDS', from: 'subject', pattern: '^(\\w+\\s?)+$' },
      ],
    },
  });

  it('(\\d+\\s*)+x over a 100 000-character body and ^(\\w+\\s?)+$ over 31 characters: an event at once, no match', () => {
    const message = { type: 'mail', id: 'm-1', body: '1 '.repeat(50_000), subject: `${'a'.repeat(30)}!` };
    const { value: result, ms } = timed(() => adapt(mailSource, message));
    expect(result.ok).toBe(true);
    expect(result.ok && result.event.vars.ACCOUNT).toBeUndefined();
    expect(result.ok && result.event.vars.WORDS).toBeUndefined();
    // JavaScript's own RegExp took 16 s and 7 s on these; generous so a loaded machine never flakes.
    expect(ms).toBeLessThan(3000);
  });

  it('work grows with the text, not exponentially: steps stay within text length × program size', () => {
    for (const [pattern, text] of [
      ['(\\d+\\s*)+x', '1 '.repeat(50_000)],
      ['^(\\w+\\s?)+$', `${'a'.repeat(100_000)}!`],
      ['\\d+x', '1'.repeat(100_000)],
      ['(a|a)*b', 'a'.repeat(100_000)],
      ['(.*){1,20}z', 'y'.repeat(20_000)],
    ] as const) {
      const stats = { steps: 0 };
      const regex = compiled(pattern);
      expect(regex.exec(text, stats)).toBeNull();
      // Each instruction is entered at most once per position, by at most two edges.
      expect(stats.steps).toBeLessThanOrEqual((text.length + 1) * 2 * regex.size);
    }
  });

  it('still finds what a well-meant rule looks for in a long body', () => {
    const body = `${'bla '.repeat(20_000)}account 12 34 x${' tail'.repeat(1000)}`;
    expect(compiled('(\\d+\\s*)+x').exec(body)?.[0]).toBe('12 34 x');
  });

  it('a pattern only a backtracking engine can run is refused when the configuration is saved, naming the rule', () => {
    for (const pattern of ['(a)\\1', '(?<n>a)\\k<n>', 'a(?=b)', '(?<!a)b']) {
      const result = parseConfig({
        version: 1,
        sources: [{ ...mailSource, mapping: { ...mailSource.mapping, extract: [{ var: 'X', from: 'body', pattern }] } }],
      });
      expect(result.ok, pattern).toBe(false);
      expect(!result.ok && result.error).toContain('sources[0].mapping.extract[0].pattern: cannot be used');
    }
  });
});

describe('extract rules share a work budget per message (#10 item 6)', () => {
  const source = (extract: Array<{ var: string; from: string; pattern: string }>) =>
    SourceSchema.parse({ id: 'mail', adapter: 'generic', pages: ['https://desk.example.com/*'], mapping: { type: 'type', interactionId: 'id', extract } });

  it('(?:a?){0,900}x over a 100 000-character body passes the schema, but stops at the budget: no value, and the event says why', () => {
    const slow = source([
      { var: 'SLOW', from: 'body', pattern: '(?:a?){0,900}x' },
      { var: 'NEXT', from: 'body', pattern: 'a' },
    ]);
    const { value: result, ms } = timed(() => adapt(slow, { type: 'mail', id: 'm-2', body: 'a'.repeat(100_000) }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.event.vars.SLOW).toBeUndefined();
    // The budget is shared by the message's rules: the rule after it gets none either.
    expect(result.event.vars.NEXT).toBeUndefined();
    expect(result.event.notes).toEqual([
      expect.stringMatching(/extract rule for SLOW .*stopped/),
      expect.stringMatching(/extract rule for NEXT .*skipped/),
    ]);
    // Without the budget this took about 8 s; the budget keeps it near 0.1 s. Generous: timing is noisy.
    expect(ms).toBeLessThan(1000);
  });

  it('the budget stops the matcher itself, counted in steps', () => {
    const regex = compiled('(?:a?){0,900}x');
    const stats = { steps: 0, limit: MAX_EXTRACT_STEPS, exhausted: false };
    expect(regex.exec('a'.repeat(100_000), stats)).toBeNull();
    expect(stats.exhausted).toBe(true);
    expect(stats.steps).toBeLessThan(MAX_EXTRACT_STEPS + 4 * regex.size);
  });

  it('well-meant rules over a long body stay within the budget and find their values', () => {
    const ok = source([
      { var: 'ACCOUNT', from: 'body', pattern: '(\\d+\\s*)+x' },
      { var: 'ORDER', from: 'body', pattern: 'order\\s+#?(\\d+)' },
    ]);
    const body = `${'bla '.repeat(20_000)}account 12 34 x order #778812${' tail'.repeat(1000)}`;
    const result = adapt(ok, { type: 'mail', id: 'm-3', body });
    expect(result.ok && result.event.vars).toMatchObject({ ACCOUNT: '34', ORDER: '778812' });
    expect(result.ok && result.event.notes).toBeUndefined();
  });

  it('a source may have at most MAX_EXTRACT_RULES extract rules', () => {
    const rules = (n: number) => Array.from({ length: n }, (_, i) => ({ var: `V${i}`, from: 'body', pattern: 'a' }));
    const config = (n: number) => parseConfig({ version: 1, sources: [{ id: 'mail', adapter: 'generic', pages: ['https://desk.example.com/*'], mapping: { type: 'type', interactionId: 'id', extract: rules(n) } }] });
    expect(config(MAX_EXTRACT_RULES).ok).toBe(true);
    const refused = config(MAX_EXTRACT_RULES + 1);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toContain(`sources[0].mapping.extract: is too big (at most ${MAX_EXTRACT_RULES})`);
  });
});

describe('the linear matcher agrees with RegExp', () => {
  it.each([
    ['order\\s+#?(\\d+)', 'i', 'URGENT: where is my Order #778812?'],
    ['^\\+39(\\d{2})', '', '+390212345678'],
    ['(a+)(b*)c|(a)d', '', 'xxaad'],
    ['(?:ab|a)(b?)c', '', 'abc'],
    ['a{2,3}?', '', 'aaaa'],
    ['a{2,}', '', 'caaaaa'],
    ['[^\\s@]+@[\\w.-]+\\.[a-z]{2,}', 'i', 'write to Anna.B@Example.IT now'],
    ['\\bcode\\b:\\s*([A-Z]{3}-\\d{4})', '', 'my code: ABC-1234, thanks'],
    ['^line2$', 'm', 'line1\nline2\nline3'],
    ['a.c', '', 'a\nc abc'],
    ['a.c', 's', 'a\nc'],
    ['(?<acct>\\d{6,8})', '', 'acct 1234567 ok'],
    ['[\\d-]+', '', 'tel 02-123-456'],
    ['x*', '', 'abc'],
    ['(a*)*b', '', 'aaab'],
    ['\\u00e8|\\x41', '', 'perchè'],
    ['[a-f]+', 'i', 'XYZ DeadBeef'],
    ['(\\d+)\\.(\\d+)?', '', 'v 12. and 3.4'],
  ])('%s /%s on %j', (pattern, flags, text) => {
    expect(compiled(pattern, flags).exec(text)).toEqual(nativeExec(pattern, flags, text));
  });

  it('on random text, for patterns of the kind extract rules use', () => {
    const patterns = ['^a|b$', '\\bx\\B', '(\\d+)-(\\d+)', 'a|ab|abc', '(a|b)*c', '^\\w+\\s?(\\d*)$', '[abc]{2}(x?)', '(?:a+b?)+?c', 'b\\b'];
    fc.assert(
      fc.property(fc.constantFrom(...patterns), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'x', '1', '-', ' '), maxLength: 20 }), (pattern, text) => {
        expect(compiled(pattern).exec(text)).toEqual(nativeExec(pattern, '', text));
      }),
      { numRuns: 500 },
    );
  });
});
