// Reads an English message back into the code and arguments it was written from, for texts that
// travel as plain strings (engine reasons, validation lines in the diagnostics log).
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export type MessageReader<C extends string> = (text: string) => { code: C; args: string[] } | null;

/** `messages`: code → English with $1…$9. Codes are tried in order; the first that fits wins. */
export function messageReader<C extends string>(messages: Readonly<Record<C, string>>, skip: readonly C[] = []): MessageReader<C> {
  const patterns = (Object.keys(messages) as C[])
    .filter((code) => !skip.includes(code))
    .map((code) => {
      const order: number[] = [];
      const source = messages[code]
        .split(/(\$[1-9])/)
        .map((part) => {
          if (!/^\$[1-9]$/.test(part)) return escape(part);
          order.push(Number(part.slice(1)));
          return '(.+)';
        })
        .join('');
      return { code, pattern: new RegExp(`^${source}$`, 's'), order };
    });
  return (text) => {
    for (const { code, pattern, order } of patterns) {
      const found = pattern.exec(text);
      if (!found) continue;
      const args: string[] = [];
      order.forEach((n, i) => (args[n - 1] = found[i + 1]!));
      return { code, args };
    }
    return null;
  };
}
