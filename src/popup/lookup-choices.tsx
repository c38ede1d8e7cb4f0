// The lookup's chooser in the toolbar popup: the same contacts as the named tab lists; picking one
// opens its record in that tab.
import type { InteractionSummary } from '../core/worker-api';
import { t } from '../options/i18n';
import { send } from '../options/send';

export function LookupChoices({ choices, onPicked }: { choices: NonNullable<InteractionSummary['choices']>; onPicked: (ok: boolean) => void }) {
  const pick = async (index: number) => {
    const reply = await send({ kind: 'lookup/choose', id: choices.id, index, navigate: true }).catch(() => ({ ok: false }));
    onPicked(reply.ok);
  };
  return (
    <div class="lookup-choices" role="group" aria-label={t('popupChooseContact')}>
      <p>{t('popupChooseContact')}</p>
      {choices.labels.map((label, index) => (
        <button type="button" class="choose-contact" key={index} onClick={() => void pick(index)}>
          {label || t('lookupMatchNumber', index + 1)}
        </button>
      ))}
    </div>
  );
}
