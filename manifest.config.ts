import { defineManifest } from '@crxjs/vite-plugin';
import pkg from './package.json' with { type: 'json' };

/** Fixes the extension id (bbihefaoipnkddimelmphcckcfaeogdc) so admins can target it in policy. */
export const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAj7dPfMlcfqDr2Xj+85qB374nlr17Q6SYvtgeomOmcvbq/5nu6OeaIVQ1RQ1OO3gMk5xDGk5gLixjNZ/vfp64pL7HQ3EYGH+KTMTbQhGs/Ms01JsUveF0E/nsPrexfEeCuoV7L9Vi/vGAfVOLXtfDPkoeVMgzXWqOryh1lL2r1AVvgil3HbIUSPA63ZV8DiNBVSUzP7Cnmc68POzozbrwpV/olZmZlAXVheBalRD5hInT2sysQpyfeKWh07qPn01o0NBlzQ69boKd5a+vNr3R6gZQMN7BWctXq1DNQePbvKzU9WILtmIjuWzIcVZwv3u79c5RmPH4AZeSylS+n4T5pQIDAQAB';

export default defineManifest({
  manifest_version: 3,
  name: '__MSG_extName__',
  description: '__MSG_extDescription__',
  default_locale: 'en',
  version: pkg.version,
  key: MANIFEST_KEY,
  minimum_chrome_version: '116',
  background: { service_worker: 'src/background/index.ts', type: 'module' },
  options_ui: { page: 'src/options/index.html', open_in_tab: true },
  action: { default_title: '__MSG_extName__', default_popup: 'src/popup/index.html' },
  // Placement "sidepanel": the worker sets a per-tab path showing the CRM of that tab's interaction.
  side_panel: { default_path: 'src/sidepanel/index.html' },
  // Least privilege: no "tabs" (we only touch tabs we opened), no static content scripts (the
  // bridge is registered at run time on the configured source pages only). Host access is needed
  // because sources, CRM targets and webhooks are configured at run time, by agents or by policy;
  // admins narrow it with a scoped package (npm run pack -- --hosts …, or --store for optional
  // access) or the ExtensionSettings policy (runtime_allowed_hosts): docs/admin.md.
  // "notifications": the notify action. "declarativeNetRequestWithHostAccess" (no install warning):
  // only session rules for the side panel's frames of admin-listed CRM origins (sidePanelOrigins).
  permissions: [
    'storage',
    'scripting',
    'tabGroups',
    'alarms',
    'sidePanel',
    'offscreen',
    'clipboardWrite',
    'notifications',
    'declarativeNetRequestWithHostAccess',
    // "identity": a lookup's OAuth 2.0 sign-in (launchWebAuthFlow).
    'identity',
  ],
  host_permissions: ['http://*/*', 'https://*/*'],
  storage: { managed_schema: 'managed_schema.json' },
  commands: {
    'pop-on-demand': {
      suggested_key: { default: 'Alt+Shift+C' },
      description: '__MSG_commandPopOnDemand__',
    },
  },
});
