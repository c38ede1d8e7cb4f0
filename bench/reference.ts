// The bench's yardstick: a bare extension that does the least a screen pop can do — content script
// → worker → tabs.create — built into a temporary directory. Ours is measured against it, in the
// same browser, event by event.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The page the reference listens on (ours is not configured there). */
export const REFERENCE_PAGE = '/desktop/puzzel.html';

export async function buildReference(desktopOrigin: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'crm-reference-'));
  const manifest = {
    manifest_version: 3,
    name: 'Reference pop',
    version: '1.0',
    background: { service_worker: 'worker.js' },
    content_scripts: [{ matches: [`${desktopOrigin}${REFERENCE_PAGE}*`], js: ['content.js'], all_frames: true, run_at: 'document_start' }],
    host_permissions: ['http://*/*'],
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(
    path.join(dir, 'content.js'),
    `addEventListener('message', (e) => {
  if (e.data && typeof e.data.crm === 'string') chrome.runtime.sendMessage({ url: e.data.crm + '/crm/ref?call=' + encodeURIComponent(e.data.uuid) });
});`,
  );
  await writeFile(
    path.join(dir, 'worker.js'),
    `chrome.runtime.onMessage.addListener((m) => { chrome.tabs.create({ url: m.url, active: false }); });`,
  );
  return dir;
}
