// Runs in the page's own world on source pages. Under auto-answer there is no user gesture, so
// Chrome's popup blocker refuses the agent client's window.open; the bridge asks the extension to
// open it instead (the window name becomes the tab target).
import { RESCUE_EVENT } from '../core/worker-api';

function install(): void {
  const scope = window as typeof window & { __crmScreenpopRescue?: true };
  if (scope.__crmScreenpopRescue) return;
  scope.__crmScreenpopRescue = true;
  const original = window.open;
  window.open = function open(url?: string | URL, target?: string, features?: string) {
    const opened = original.call(window, url, target, features);
    if (opened === null && url !== undefined && String(url) !== '') {
      let href: string;
      try {
        href = new URL(String(url), location.href).href;
      } catch {
        return opened;
      }
      const detail = JSON.stringify({ url: href, target: target ?? '' });
      document.dispatchEvent(new CustomEvent(RESCUE_EVENT, { detail }));
    }
    return opened;
  };
}

install();
