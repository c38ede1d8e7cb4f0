// How the extension's stored state changes shape between versions: one upgrade per version.

/**
 * Stored-state upgrades, one per version, each from the shape before it. The worker's first read
 * (config-store's loadConfig) runs them when the stored version is older: after an install or an
 * update, before anything else is read.
 */
export const STORAGE_VERSION = 2;

type Upgrade = (stored: Record<string, unknown>) => Record<string, unknown>;

export const STORAGE_UPGRADES: Record<number, Upgrade> = {
  // 1 → 2: pausing was a setting in the agent's document, which a policy's settings override;
  // it is now the agent's own state.
  2: (stored) => {
    const config = stored.config as { settings?: { paused?: unknown } } | undefined;
    if (config?.settings?.paused !== true) return {};
    const { paused: _paused, ...settings } = config.settings;
    return { agent: { paused: true }, config: { ...config, settings } };
  },
};

/** Applies every upgrade after the stored version; returns the values to write. */
export function upgradeStoredState(stored: Record<string, unknown>): Record<string, unknown> {
  const from = typeof stored.storageVersion === 'number' ? stored.storageVersion : 1;
  let changes: Record<string, unknown> = {};
  for (let version = from + 1; version <= STORAGE_VERSION; version++) {
    const upgrade = STORAGE_UPGRADES[version];
    if (upgrade) changes = { ...changes, ...upgrade({ ...stored, ...changes }) };
  }
  return from === STORAGE_VERSION ? {} : { ...changes, storageVersion: STORAGE_VERSION };
}
