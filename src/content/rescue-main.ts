// Runs in the page's own world on source pages. Under auto-answer there is no user gesture, so
// Chrome's popup blocker refuses the agent client's window.open; the bridge asks the extension to
// open it instead (the window name becomes the tab target).
//
// A page script cannot forge the hand-over: it goes through a detached node that only this script
// and the bridge hold, passed at document_start before any page script runs, and this script
// keeps its own references to the DOM functions it uses, so a page that later replaces
// dispatchEvent cannot catch the node. What a page script can still do is call window.open like
// the vendor does; the worker's limits (core/rescue-policy) are for that.
import { RESCUE_EVENT, RESCUE_HANDSHAKE_EVENT, RESCUE_READY_EVENT } from '../core/worker-api';

function install(): void {
  const scope = window as typeof window & { __crmScreenpopRescue?: true };
  if (scope.__crmScreenpopRescue) return;
  scope.__crmScreenpopRescue = true;
  const apply = Reflect.apply;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const listen = EventTarget.prototype.addEventListener;
  const unlisten = EventTarget.prototype.removeEventListener;
  const Custom = CustomEvent;
  const Mouse = MouseEvent;
  const Url = URL;
  const stringify = JSON.stringify;
  const original = window.open;
  const channel = document.createElement('span');

  // The bridge acknowledges by cancelling the event; until it has, offer again when it says ready.
  const offer = () =>
    !apply(dispatch, document, [new Mouse(RESCUE_HANDSHAKE_EVENT, { relatedTarget: channel, cancelable: true })]);
  if (!offer()) {
    const onReady = () => {
      if (offer()) apply(unlisten, document, [RESCUE_READY_EVENT, onReady]);
    };
    apply(listen, document, [RESCUE_READY_EVENT, onReady]);
  }

  window.open = function open(url?: string | URL, target?: string, features?: string) {
    const opened = apply(original, window, [url, target, features]) as Window | null;
    if (opened === null && url !== undefined && String(url) !== '') {
      let href: string;
      try {
        href = new Url(String(url), location.href).href;
      } catch {
        return opened;
      }
      const detail = stringify({ url: href, target: target === undefined ? '' : String(target) });
      apply(dispatch, channel, [new Custom(RESCUE_EVENT, { detail })]);
    }
    return opened;
  };
}

install();
