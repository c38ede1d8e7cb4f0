import type { Settings } from '../config';
import type { Vars } from '../interaction-event';

export interface RenderContext {
  /** Full variable set, see contextVars. */
  vars: Vars;
  /** The vendor message, for `{raw.a.b}`. */
  raw: unknown;
  settings: Settings;
}

export type UrlResult = { ok: true; url: string } | { ok: false; reason: string };
