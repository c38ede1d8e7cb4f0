// Worker replies and outcomes, in the agent's language.
import { channelLabel } from '../core/interaction-event';
import type { Outcome } from '../core/interaction-state';
import type { Notice } from '../core/on-demand';
import type { InteractionSummary } from '../core/worker-api';
import { channelName, phaseName, reasonName, whyText } from '../options/diagnostic-text';
import { t } from '../options/i18n';

/** The reason, when there is one, is the message's last argument (an engine reason, or `why`). */
export function noticeText(notice: Notice): string {
  return t(notice.code, ...notice.args.map(reasonName), ...(notice.why ? [whyText(notice.why)] : []));
}

export function outcomeText(outcome: Outcome): string {
  return t(`outcome_${outcome.kind}`, outcome.templates.join(', '), phaseName(outcome.phase));
}

/** The agent's own label for the channel when they set one, else its name in their language. */
export function channelText(item: InteractionSummary): string {
  return item.channelLabel !== channelLabel(item.channel) ? item.channelLabel : channelName(item.channel);
}
