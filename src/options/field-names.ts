// Where a validation message belongs, in the agent's words: "Template “WhatsApp → CRM” › CRM URL"
// instead of the document path `templates[1].url`.
import type { Config } from '../core/config';
import { templateLabel } from '../core/on-demand';
import type { ValidationMessage } from '../core/validation-codes';
import { t } from './i18n';

const LABELS: Record<string, string> = {
  url: 'templateUrl',
  name: 'templateName',
  params: 'params',
  'when.phases': 'whenPhases',
  'when.channels': 'whenChannels',
  'when.sources': 'whenSources',
  'when.queues': 'whenQueues',
  pages: 'sourcePages',
  senders: 'sourceSenders',
  adapter: 'sourceAdapter',
  defaultCountry: 'settingsCountry',
  allowedUrlPrefixes: 'settingsPrefixes',
  historyMinutes: 'settingsHistory',
  channelLabels: 'settingsLabels',
  sidePanelOrigins: 'settingsSidePanelOrigins',
};

function leaf(rest: string, idKey: string): string {
  const bare = rest.replace(/\[\d+\]/g, '');
  const key = bare === 'id' ? idKey : LABELS[bare];
  // The label without its "(one per line)" hint.
  return key ? t(key).replace(/\s*\(.*\)$/, '') : bare;
}

export function fieldName(path: string, config: Config): string {
  const template = /^templates\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (template) {
    const found = config.templates[Number(template[1])];
    const where = t('fieldTemplate', found ? templateLabel(found) : String(Number(template[1]) + 1));
    return template[2] ? `${where} › ${leaf(template[2], 'templateId')}` : where;
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
