// Writes the generated schemas into the repository, touching only files whose content changed
// (so a build does not dirty the tree or wake file watchers for nothing).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaFiles } from './config-schemas';

/** Returns the paths it rewrote. */
export function writeSchemaFiles(root: string): string[] {
  const written: string[] = [];
  for (const [path, content] of Object.entries(schemaFiles())) {
    const file = join(root, path);
    if (existsSync(file) && readFileSync(file, 'utf8') === content) continue;
    writeFileSync(file, content);
    written.push(path);
  }
  return written;
}
