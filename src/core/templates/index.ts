// The template engine: pure functions, no chrome.* calls, rendering on every interaction event.
export type { RenderContext, UrlResult } from './types';
export { contextVars, VAR_ALIASES } from './vars';
export { renderText, FILTERS } from './placeholders';
export { renderParams, FUNCTIONS } from './params';
export { renderUrl, buildUrl } from './url';
export { checkUrl } from './check';
export { authHeaders, renderRequest, type WebhookRequest, type RequestResult } from './request';
export { matchTemplates, whyEnglish, type MatchResult, type MatchWhy, type MatchWhyCode } from './match';
