// `npm run demo`: a simulated agent desktop, a fake CRM and Chromium with the extension.
// With a display it stays open for the user to click; without one it plays a scripted scenario.
import path from 'node:path';
import { AGENTDESKTOP_PATH, CCAI_DESKTOP_PATH } from './config';
import { openDesk } from './desk';
import { playScenario, type DemoDesk } from './scenario';

const OUTPUT_DIR = path.resolve(import.meta.dirname, '../demo-output');

async function interactive(desk: DemoDesk): Promise<void> {
  const { ext, sites } = desk;
  console.log('CRM Screenpop demo — interactive');
  console.log(`  CCAI-style CRM page:     ${sites.desktopOrigin}${CCAI_DESKTOP_PATH}`);
  console.log(`  AgentDesktop-style page: ${sites.desktopOrigin}${AGENTDESKTOP_PATH}`);
  console.log(`  Fake CRM:                ${sites.otherOrigin}/crm/…`);
  console.log(`  Extension options:       ${ext.optionsUrl}`);
  console.log('Click the buttons in the agent desktops; every CRM request is printed here. Ctrl+C to stop.');
  let shown = 0;
  const monitor = setInterval(() => {
    for (const request of sites.received.slice(shown)) {
      const query = new URLSearchParams(request.query).toString();
      console.log(`${new Date(request.at).toLocaleTimeString()}  CRM received ${request.method} ${request.path}${query ? `?${query}` : ''}`);
    }
    shown = sites.received.length;
  }, 200);
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, resolve);
    ext.browser.once('disconnected', resolve);
  });
  clearInterval(monitor);
  console.log('Stopping…');
  await ext.close().catch(() => undefined);
  await sites.close();
}

async function main(): Promise<number> {
  const headless = !process.env.DISPLAY;
  const desk = await openDesk(headless);
  if (!headless) {
    await interactive(desk);
    return 0;
  }
  try {
    return await playScenario(desk, OUTPUT_DIR);
  } finally {
    await desk.ext.close();
    await desk.sites.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
