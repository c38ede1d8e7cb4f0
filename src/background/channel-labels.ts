// {CHANNEL_LABEL} without settings.channelLabels: "CRM Voce" for an Italian agent, "CRM Voice"
// in English (#13). Set once when the worker starts; core/interaction-event stays browser-free.
import { defaultChannelLabels, setDefaultChannelLabels } from '../core/interaction-event';

setDefaultChannelLabels(defaultChannelLabels((key) => chrome.i18n.getMessage(key)));
