// Reading a Chromium profile's files the way someone with the agent's disk could.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Files under `profile` holding `needle` (as Latin-1 or UTF-16 bytes), relative to it. */
export function filesContaining(profile: string, needle: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      let stat;
      try {
        stat = statSync(file);
      } catch {
        continue;
      }
      if (stat.isDirectory()) walk(file);
      else if (stat.isFile() && stat.size < 50_000_000) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch {
          continue;
        }
        if (bytes.includes(Buffer.from(needle, 'latin1')) || bytes.includes(Buffer.from(needle, 'utf16le'))) found.push(path.relative(profile, file));
      }
    }
  };
  walk(profile);
  return found;
}
