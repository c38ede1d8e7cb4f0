// Whether a domain is a public suffix: a name under which anyone can have a site, so that a
// wildcard over it ("*.com", "*.co.uk", "*.web.app") would trust strangers.
//
// A hand-written list of the common ones, not the whole Public Suffix List: src/core/patterns.ts
// is imported by the content script and the worker, which must stay small. The list is a plain
// string and the Set is built on first use, so bundles that never validate a pattern drop both.
// To use the full list (npm `tldts`, about 48 KB gzipped), keep it out of those bundles and
// answer here `getPublicSuffix(domain, { allowPrivateDomains: true }) === domain` — or'ed with this
// list, which also refuses a few names the Public Suffix List leaves registrable (amazonaws.com).

// Second-level names of country domains, then hosting platforms that give anyone a subdomain.
const LIST =
  'co.uk org.uk me.uk ltd.uk plc.uk ac.uk gov.uk net.uk com.au net.au org.au edu.au gov.au ' +
  'co.nz org.nz co.jp ne.jp or.jp ac.jp co.kr or.kr co.in net.in org.in co.za co.il com.br ' +
  'net.br org.br com.cn net.cn org.cn com.hk com.tw com.sg com.my com.ph com.vn co.id com.mx ' +
  'com.ar com.co com.tr com.ua com.pl co.it gov.it edu.it co.at or.at com.es com.pt com.ru ' +
  'spb.ru msk.ru co.th in.th com.sa com.eg ' +
  'github.io gitlab.io herokuapp.com appspot.com web.app firebaseapp.com blogspot.com ' +
  'wordpress.com wixsite.com myshopify.com azurewebsites.net azurestaticapps.net azureedge.net ' +
  'cloudapp.net cloudfront.net amazonaws.com cloudfunctions.net run.app pages.dev workers.dev ' +
  'r2.dev trycloudflare.com vercel.app netlify.app onrender.com fly.dev glitch.me surge.sh ' +
  'ngrok.io ngrok.app ngrok-free.app';

let known: Set<string> | undefined;

/** "com", "co.uk", "web.app" → true; "example.com", "myteam.web.app" → false. */
export function isPublicSuffix(domain: string): boolean {
  const name = domain.toLowerCase().replace(/\.$/, '');
  if (!name.includes('.')) return true;
  known ??= new Set(LIST.split(' '));
  return known.has(name);
}
