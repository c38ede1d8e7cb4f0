// What replacing one configuration with another adds, changes and removes, in the agent's terms
// (templates by name, sources by id, settings as one item), so that an import asks first.
import type { Config } from './config';
import { templateLabel } from './on-demand';

export interface DiffItem {
  kind: 'template' | 'source' | 'settings';
  label: string;
}

export interface ConfigDiff {
  added: DiffItem[];
  changed: DiffItem[];
  removed: DiffItem[];
}

function compare<T extends { id: string }>(kind: DiffItem['kind'], before: T[], after: T[], label: (item: T) => string, diff: ConfigDiff) {
  const old = new Map(before.map((item) => [item.id, item]));
  const next = new Set(after.map((item) => item.id));
  for (const item of after) {
    const previous = old.get(item.id);
    if (!previous) diff.added.push({ kind, label: label(item) });
    else if (JSON.stringify(previous) !== JSON.stringify(item)) diff.changed.push({ kind, label: label(item) });
  }
  for (const item of before) if (!next.has(item.id)) diff.removed.push({ kind, label: label(item) });
}

export function configDiff(before: Config, after: Config): ConfigDiff {
  const diff: ConfigDiff = { added: [], changed: [], removed: [] };
  compare('source', before.sources, after.sources, (s) => s.id, diff);
  compare('template', before.templates, after.templates, templateLabel, diff);
  // The pause is the agent's own switch, not something a file should be said to change.
  const settings = (c: Config) => JSON.stringify({ ...c.settings, paused: false });
  if (settings(before) !== settings(after)) diff.changed.push({ kind: 'settings', label: '' });
  return diff;
}

export function isEmptyDiff(diff: ConfigDiff): boolean {
  return !diff.added.length && !diff.changed.length && !diff.removed.length;
}
