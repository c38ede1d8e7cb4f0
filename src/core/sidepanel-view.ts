// What the side panel shows, read from its own address (`?url=…&target=…`), which the worker sets
// per agent tab. Pure: the page and the tests share it.
export interface PanelView {
  target: string;
  /** The CRM page, or null when the address carries none we may show. */
  url: string | null;
}

export function readPanelView(search: string): PanelView {
  const params = new URLSearchParams(search);
  const target = (params.get('target') ?? '').trim().slice(0, 200) || 'CRM';
  const raw = params.get('url') ?? '';
  let url: string | null = null;
  try {
    const parsed = new URL(raw);
    // The worker checked it already; a panel opened by hand with another address shows nothing.
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') url = parsed.href;
  } catch {
    url = null;
  }
  return { target, url };
}

/** Address of the side panel page showing `url` under the name `target`. */
export function panelPath(url: string, target: string): string {
  return `src/sidepanel/index.html?${new URLSearchParams({ url, target }).toString()}`;
}
