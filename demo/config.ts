// The demo's configuration document: what an agent would write on the options page for the
// simulated agent desktops of demo/site, one named CRM tab per channel.
import { parseConfig, type Config, type ConfigInput } from '../src/core/config';

export interface DemoOrigins {
  /** http://127.0.0.1:PORT — the agent desktop pages. */
  desktopOrigin: string;
  /** http://localhost:PORT — the CCAI adapter iframe and the fake CRM. */
  otherOrigin: string;
}

export const CCAI_DESKTOP_PATH = '/desktop/ccai.html';
export const AGENTDESKTOP_PATH = '/desktop/agentdesktop.html';

export function demoConfigDocument({ desktopOrigin, otherOrigin }: DemoOrigins): ConfigInput {
  const crm = `${otherOrigin}/crm`;
  return {
    version: 1,
    sources: [
      {
        id: 'ccai',
        adapter: 'ccai',
        pages: [`${desktopOrigin}${CCAI_DESKTOP_PATH}*`],
        // The adapter iframe is the vendor's, on another origin: only it may speak for CCAI.
        senders: [otherOrigin],
      },
      { id: 'agentdesktop', adapter: 'agentdesktop', pages: [`${desktopOrigin}${AGENTDESKTOP_PATH}*`] },
    ],
    templates: [
      {
        id: 'voice',
        name: 'Calls → CRM contact',
        when: { phases: ['answered'], channels: ['voice'] },
        url: `${crm}/contacts?phone={ANI|e164}&queue={QUEUE_NAME}&call={INTERACTION_ID}`,
        action: { type: 'tab', target: 'CRM {CHANNEL_LABEL}' },
      },
      {
        id: 'chat',
        name: 'Web chats → CRM',
        when: { phases: ['answered'], channels: ['chat'] },
        url: `${crm}/chat?chat={CHAT_ID}&email={EMAIL}&queue={QUEUE_PATH}`,
        action: { type: 'tab', target: 'CRM {CHANNEL_LABEL}' },
      },
      {
        id: 'whatsapp',
        name: 'WhatsApp → CRM contact',
        when: { phases: ['answered'], channels: ['whatsapp'] },
        url: `${crm}/whatsapp?phone={ANI|e164}&chat={CHAT_ID}&queue={QUEUE_PATH}`,
        params: [{ name: 'who', value: '=DEFAULT_VALUE({EMAIL}, {ANI|e164})' }],
        action: { type: 'tab', target: 'CRM {CHANNEL_LABEL}' },
      },
      {
        id: 'email',
        name: 'E-mail → CRM case',
        when: { phases: ['answered'], channels: ['email'] },
        url: `${crm}/email?email={EMAIL}&chat={CHAT_ID}&queue={QUEUE_PATH}`,
        action: { type: 'tab', target: 'CRM {CHANNEL_LABEL}' },
      },
    ],
    settings: { defaultCountry: 'IT' },
  };
}

/** The validated document; an invalid one stops the demo with the field that is wrong. */
export function demoConfig(origins: DemoOrigins): Config {
  const result = parseConfig(demoConfigDocument(origins));
  if (!result.ok) throw new Error(`The demo configuration is invalid:\n${result.error}`);
  return result.config;
}
