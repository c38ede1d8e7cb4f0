// The outside world of a test or the demo, on one loopback port with two origins:
//   http://127.0.0.1:PORT  — the agent desktop pages (CCAI-style CRM page, AgentDesktop page)
//   http://localhost:PORT  — the vendor's cross-origin agent-adapter iframe, the fake CRM, webhooks
// The fake CRM records every request it receives, the way a real CRM's access log would.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface ReceivedRequest {
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeSites {
  port: number;
  /** http://127.0.0.1:PORT */
  desktopOrigin: string;
  /** http://localhost:PORT */
  otherOrigin: string;
  /** Requests the fake CRM (/crm/…) and webhook endpoint (/hook/…) received, in order. */
  received: ReceivedRequest[];
  /** Status the webhook endpoint answers with (tests of retries change it). */
  hookStatus: number;
  /** Paths whose answer the client stopped reading before its end (the 32 MB /hook/huge). */
  answersCut: string[];
  close(): Promise<void>;
}

export const FIXTURE_SITE = path.resolve(import.meta.dirname, '../fixtures/site');

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

export async function startFakeSites(options: { siteDir?: string } = {}): Promise<FakeSites> {
  const siteDir = options.siteDir ?? FIXTURE_SITE;
  const sites: FakeSites = {
    port: 0,
    desktopOrigin: '',
    otherOrigin: '',
    received: [],
    hookStatus: 200,
    answersCut: [],
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (url.pathname.startsWith('/crm/') || url.pathname.startsWith('/hook/')) {
          sites.received.push({
            at: Date.now(),
            method: req.method ?? 'GET',
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            headers: req.headers,
            body,
          });
        }
        if (url.pathname === '/hook/redirect') {
          res.writeHead(307, { location: url.searchParams.get('to') ?? '/' }).end();
          return;
        }
        if (url.pathname === '/hook/huge') {
          sendHuge(res, () => sites.answersCut.push(url.pathname));
          return;
        }
        if (url.pathname.startsWith('/hook/')) {
          res.writeHead(sites.hookStatus, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        if (url.pathname.startsWith('/crm/')) {
          // A CRM under /deny/ refuses every framing, the way many real CRMs do.
          const refuses = url.pathname.includes('/deny/')
            ? { 'x-frame-options': 'DENY', 'content-security-policy': "frame-ancestors 'none'" }
            : {};
          res.writeHead(200, { 'content-type': TYPES['.html']!, ...refuses }).end(crmPage(url));
          return;
        }
        const file = path.join(siteDir, path.normalize(url.pathname).replace(/^([/\\])+/, ''));
        if (!file.startsWith(siteDir)) return void res.writeHead(403).end();
        try {
          const content = await readFile(file);
          res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(content);
        } catch {
          res.writeHead(404).end('not found');
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  sites.port = port;
  sites.desktopOrigin = `http://127.0.0.1:${port}`;
  sites.otherOrigin = `http://localhost:${port}`;
  sites.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sites;
}

/** 32 MB of answer, written as fast as the client reads it; `onCut` if it hangs up before the end. */
function sendHuge(res: ServerResponse, onCut: () => void): void {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let left = 512;
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(chunk.length * left) });
  res.on('close', () => {
    if (left > 0) onCut();
  });
  const pump = () => {
    while (left > 0) {
      left--;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A CRM page under /beacon/ reports that it rendered (a refused frame never does). */
function beacon(url: URL): string {
  if (!url.pathname.includes('/beacon/')) return '';
  const seen = new URLSearchParams({ path: url.pathname, ...Object.fromEntries(url.searchParams) });
  return `<img alt="" src="/hook/rendered?${escapeHtml(seen.toString())}">`;
}

function crmPage(url: URL): string {
  const rows = [...url.searchParams]
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Fake CRM</title>
<style>body{font:15px system-ui;margin:2rem;background:#f6f8fb}h1{color:#1a5fb4}table{border-collapse:collapse;background:#fff}
th,td{border:1px solid #ccd;padding:.4rem .8rem;text-align:left}</style></head>
<body><h1>Fake CRM</h1><p>Path: <code>${escapeHtml(url.pathname)}</code></p>
<table id="received">${rows || '<tr><td>no parameters</td></tr>'}</table>${beacon(url)}</body></html>`;
}
