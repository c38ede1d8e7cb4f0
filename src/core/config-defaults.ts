// The default document, `ConfigSchema.parse({ version: 1 })` written out (tests/unit/config.test.ts
// holds them equal), in a module of its own: the service worker imports it without the validation
// library, which its bundle does not contain (documents are checked in the offscreen document).
import type { Config } from './config';

export const EMPTY_CONFIG: Config = {
  version: 1,
  sources: [],
  templates: [],
  settings: { defaultCountry: '', allowedUrlPrefixes: [], paused: false, channelLabels: {}, historyMinutes: 15 },
};
