// The demo's desk: fake sites, Chromium with the extension and the demo configuration, and the two
// simulated agent desktops open. Shared by `npm run demo` and the e2e test that plays it under load.
import path from 'node:path';
import { launchExtension, saveConfig, type ExtensionBrowser } from '../tests/support/browser';
import { startFakeSites } from '../tests/support/fake-sites';
import { AGENTDESKTOP_PATH, CCAI_DESKTOP_PATH, demoConfig } from './config';
import type { DemoDesk } from './scenario';

const SITE_DIR = path.resolve(import.meta.dirname, 'site');
const WINDOW = { width: 1400, height: 900 };

export async function openDesk(headless: boolean): Promise<DemoDesk> {
  const sites = await startFakeSites({ siteDir: SITE_DIR });
  let ext: ExtensionBrowser | undefined;
  try {
    const config = demoConfig(sites);
    ext = await launchExtension({ headless, windowSize: WINDOW, handleSignals: headless });
    const reply = await saveConfig(ext, config);
    if (!reply.ok) throw new Error(`The extension refused the demo configuration: ${reply.error ?? 'no reason given'}`);
    const [blank] = await ext.browser.pages();
    const ccaiPage = blank ?? (await ext.browser.newPage());
    await ccaiPage.goto(`${sites.desktopOrigin}${CCAI_DESKTOP_PATH}`);
    const agentDesktopPage = await ext.browser.newPage();
    await agentDesktopPage.goto(`${sites.desktopOrigin}${AGENTDESKTOP_PATH}`);
    await ccaiPage.bringToFront();
    return { ext, sites, ccaiPage, agentDesktopPage };
  } catch (error) {
    await ext?.close();
    await sites.close();
    throw error;
  }
}

