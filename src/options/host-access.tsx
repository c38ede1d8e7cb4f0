// Host access: the manifest asks for http/https, but an agent can withhold it per site. Show what
// is granted for the source pages and CRM targets, and what Save will ask for.
import { useEffect, useState } from 'preact/hooks';
import type { Config } from '../core/config';
import { neededOrigins } from './draft';
import { t } from './i18n';

export type Grants = Record<string, boolean>;

export function useHostAccess(config: Config): { grants: Grants; missing: string[]; refresh: () => void } {
  const [grants, setGrants] = useState<Grants>({});
  const [tick, setTick] = useState(0);
  const origins = neededOrigins(config);
  const key = origins.join(' ');
  useEffect(() => {
    let current = true;
    void Promise.all(
      origins.map(async (origin) => [origin, await chrome.permissions.contains({ origins: [origin] }).catch(() => false)] as const),
    ).then((pairs) => current && setGrants(Object.fromEntries(pairs)));
    return () => {
      current = false;
    };
  }, [key, tick]);
  useEffect(() => {
    const changed = () => setTick((n) => n + 1);
    chrome.permissions.onAdded.addListener(changed);
    chrome.permissions.onRemoved.addListener(changed);
    return () => {
      chrome.permissions.onAdded.removeListener(changed);
      chrome.permissions.onRemoved.removeListener(changed);
    };
  }, []);
  return { grants, missing: origins.filter((o) => grants[o] === false), refresh: () => setTick((n) => n + 1) };
}

/** Host access a document needs that the browser has not granted (asked before a click may need it). */
export async function missingAccess(config: Config): Promise<string[]> {
  const origins = neededOrigins(config);
  const granted = await Promise.all(origins.map((origin) => chrome.permissions.contains({ origins: [origin] }).catch(() => false)));
  return origins.filter((_, i) => !granted[i]);
}

/** Must run inside the click that saves: Chrome asks the agent only during a user gesture. */
export async function requestHostAccess(missing: readonly string[]): Promise<boolean> {
  if (!missing.length) return true;
  try {
    return await chrome.permissions.request({ origins: [...missing] });
  } catch {
    return false;
  }
}

export function HostAccess({ grants, missing, locked }: { grants: Grants; missing: string[]; locked: boolean }) {
  const origins = Object.keys(grants);
  return (
    <section aria-labelledby="access-heading" class="card access">
      <h2 id="access-heading">{t('accessHeading')}</h2>
      {origins.length === 0 ? (
        <p class="empty">{t('accessNone')}</p>
      ) : (
        <ul id="host-access">
          {origins.map((origin) => (
            <li key={origin} class={grants[origin] ? 'ok' : 'error'}>
              <span aria-hidden="true">{grants[origin] ? '✓ ' : '✗ '}</span>
              <code>{origin}</code> — {grants[origin] ? t('accessGranted') : t('accessMissing')}
            </li>
          ))}
        </ul>
      )}
      {missing.length > 0 && !locked && (
        <p class="hint">
          {t('accessWillAsk')}{' '}
          <button type="button" onClick={() => void requestHostAccess(missing)}>
            {t('accessGrant')}
          </button>
        </p>
      )}
    </section>
  );
}

/**
 * Above every section: a build that asks for host access at run time (the Web Store package), or
 * an agent who withheld it, must see what is missing without looking for it. Outside the locked
 * fieldset: granting access never changes the admin's configuration.
 */
export function MissingAccessNotice({ missing }: { missing: string[] }) {
  if (!missing.length) return null;
  return (
    <div class="notice error" role="alert" id="missing-access">
      <p>
        {t('missingAccessNotice')} {missing.map((origin, i) => [i ? ', ' : '', <code key={origin}>{origin}</code>])}
      </p>
      <button type="button" id="grant-access" onClick={() => void requestHostAccess(missing)}>
        {t('accessGrant')}
      </button>
    </div>
  );
}
