// The permissions the extension asks for are a security claim (docs/security.md): a new one must be
// added here on purpose, with its reason in manifest.config.ts.
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.config';

describe('the manifest asks for least privilege', () => {
  it('the permission list is exactly the reviewed one: no "tabs", no "clipboardRead", no static content scripts', async () => {
    const resolved = typeof manifest === 'function' ? await (manifest as (env: { command: string; mode: string }) => unknown)({ command: 'build', mode: 'production' }) : manifest;
    const m = resolved as { permissions: string[]; content_scripts?: unknown[]; host_permissions: string[] };
    expect([...m.permissions].sort()).toEqual(
      ['alarms', 'clipboardWrite', 'declarativeNetRequestWithHostAccess', 'identity', 'notifications', 'offscreen', 'scripting', 'sidePanel', 'storage', 'tabGroups'].sort(),
    );
    expect(m.permissions).not.toContain('tabs');
    expect(m.permissions).not.toContain('clipboardRead');
    expect(m.content_scripts ?? []).toEqual([]);
    // The default build's host access; scoped packages narrow it (npm run pack -- --hosts, --store).
    expect(m.host_permissions).toEqual(['http://*/*', 'https://*/*']);
  });
});
