// Where a validation message belongs, in the agent's words: "Template “WhatsApp → CRM” › CRM URL"
// instead of the document path `templates[1].url`. Nested fields are named by the labels their
// editors show (lookup, webhook, window, notification), with the section in front where the
// label alone is shared (a lookup's and a webhook's "Method").
import type { Config, Param, Template } from '../core/config';
import { templateLabel } from '../core/on-demand';
import type { ValidationMessage } from '../core/validation-codes';
import { t } from './i18n';

type Label = string | readonly string[];

/** A webhook's request fields and a lookup's share their editor (body-fields.tsx, the auth fields): `head` names the section. */
function requestLabels(at: string, head: string): Record<string, Label> {
  return {
    [`${at}.method`]: [head, 'webhookMethod'],
    [`${at}.body`]: [head, 'webhookBody'],
    [`${at}.container`]: [head, 'webhookContainer'],
    [`${at}.container.type`]: [head, 'webhookContainer'],
    [`${at}.container.name`]: [head, 'webhookContainerName'],
    [`${at}.auth`]: [head, 'webhookAuth'],
    [`${at}.auth.type`]: [head, 'webhookAuth'],
    [`${at}.auth.username`]: [head, 'webhookAuth', 'authUsername'],
    [`${at}.auth.password`]: [head, 'webhookAuth', 'authPassword'],
    [`${at}.auth.name`]: [head, 'webhookAuth', 'authHeaderName'],
    [`${at}.auth.value`]: [head, 'webhookAuth', 'authHeaderValue'],
  };
}

/** Path (indices dropped) → the message keys of its label, outermost first. */
const LABELS: Record<string, Label> = {
  url: 'templateUrl',
  name: 'templateName',
  params: 'params',
  'when.phases': 'whenPhases',
  'when.channels': 'whenChannels',
  'when.sources': 'whenSources',
  'when.queues': 'whenQueues',
  // The lookup (lookup-editor.tsx).
  lookup: 'lookupEditor',
  'lookup.request': 'lookupEditor',
  'lookup.request.url': 'lookupUrl',
  'lookup.request.timeoutMs': ['lookupEditor', 'lookupTimeout'],
  'lookup.request.params': 'lookupParams',
  ...requestLabels('lookup.request', 'lookupEditor'),
  'lookup.request.auth.authorizeUrl': ['lookupEditor', 'webhookAuth', 'oauthAuthorizeUrl'],
  'lookup.request.auth.tokenUrl': ['lookupEditor', 'webhookAuth', 'oauthTokenUrl'],
  'lookup.request.auth.clientId': ['lookupEditor', 'webhookAuth', 'oauthClientId'],
  'lookup.request.auth.scope': ['lookupEditor', 'webhookAuth', 'oauthScope'],
  'lookup.results': 'lookupResults',
  'lookup.vars': 'lookupVars',
  'lookup.label': 'lookupLabel',
  'lookup.multipleMatches': 'lookupMultiple',
  'lookup.noMatchUrl': 'lookupNoMatchUrl',
  'lookup.fallbackUrl': 'lookupFallbackUrl',
  // The action (action-editor.tsx, placement-fields.tsx).
  action: 'action',
  'action.type': 'actionType',
  'action.target': 'actionTarget',
  'action.placement': 'actionPlacement',
  'action.reuse': 'actionReuse',
  'action.focus': 'actionFocus',
  'action.text': 'actionClipboardText',
  'action.title': 'actionNotifyTitle',
  'action.message': 'actionNotifyMessage',
  'action.closeOn': 'actionCloseOn',
  'action.window': 'actionWindow',
  'action.window.left': ['actionWindow', 'windowLeft'],
  'action.window.top': ['actionWindow', 'windowTop'],
  'action.window.width': ['actionWindow', 'windowWidth'],
  'action.window.height': ['actionWindow', 'windowHeight'],
  'action.window.state': ['actionWindow', 'windowState'],
  'action.timeoutMs': ['action', 'webhookTimeout'],
  ...requestLabels('action', 'action'),
  // Sources and settings.
  pages: 'sourcePages',
  senders: 'sourceSenders',
  adapter: 'sourceAdapter',
  defaultCountry: 'settingsCountry',
  allowedUrlPrefixes: 'settingsPrefixes',
  historyMinutes: 'settingsHistory',
  channelLabels: 'settingsLabels',
  sidePanelOrigins: 'settingsSidePanelOrigins',
};

const PARAM_FIELDS: Record<string, string> = { name: 'paramName', value: 'paramValue', enabled: 'paramOn' };

/** A label without its "(one per line)" hint. */
function label(key: string): string {
  return t(key).replace(/\s*\(.*\)$/, '');
}

function leaf(rest: string, idKey: string): string {
  const bare = rest.replace(/\[\d+\]/g, '');
  // A record's key (`lookup.vars.NAME`) is named by the record.
  const known = bare === 'id' ? idKey : (LABELS[bare] ?? (bare.startsWith('lookup.vars.') ? LABELS['lookup.vars'] : undefined));
  if (!known) return bare;
  return (typeof known === 'string' ? [known] : known).map(label).join(' › ');
}

/** The legend the template editor gives the template's own parameters. */
function paramsLegend(template: Partial<Template> | undefined): string {
  const action = template?.action;
  return action?.type === 'webhook' && action.method !== 'GET' ? 'paramsWebhookBody' : 'params';
}

/** One parameter, as the editor's warnings name it: "Search parameters › phone › Value". */
function paramField(legend: string, params: readonly Partial<Param>[] | undefined, index: number, field: string | undefined): string {
  const param = params?.[index];
  const named = t('paramFieldNamed', label(legend), (typeof param?.name === 'string' && param.name) || String(index + 1));
  const key = field === undefined ? undefined : PARAM_FIELDS[field];
  return key ? `${named} › ${label(key)}` : field === undefined ? named : `${named} › ${field}`;
}

function templateLeaf(rest: string, template: Partial<Template> | undefined): string {
  const own = /^params\[(\d+)\](?:\.(\w+))?$/.exec(rest);
  if (own) return paramField(paramsLegend(template), template?.params, Number(own[1]), own[2]);
  if (rest === 'params') return label(paramsLegend(template));
  const search = /^lookup\.request\.params\[(\d+)\](?:\.(\w+))?$/.exec(rest);
  if (search) return paramField('lookupParams', template?.lookup?.request?.params, Number(search[1]), search[2]);
  return leaf(rest, 'templateId');
}

export function fieldName(path: string, config: Config): string {
  const template = /^templates\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (template) {
    const found = config.templates[Number(template[1])];
    const where = t('fieldTemplate', found ? templateLabel(found) : String(Number(template[1]) + 1));
    return template[2] ? `${where} › ${templateLeaf(template[2], found)}` : where;
  }
  const source = /^sources\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (source) {
    const where = t('fieldSource', config.sources[Number(source[1])]?.id ?? String(Number(source[1]) + 1));
    return source[2] ? `${where} › ${leaf(source[2], 'sourceId')}` : where;
  }
  const setting = /^settings\.(.+)$/.exec(path);
  if (setting) return `${t('settingsHeading')} › ${leaf(setting[1]!, 'templateId')}`;
  return path;
}

/** A validation message in the agent's language. */
export function sayValidation(message: ValidationMessage): string {
  return t(`val_${message.code}`, ...message.args);
}
