// A template's `when`: phases, channels, sources, queues. Nothing ticked means "any".
import { DEFAULT_CHANNEL_LABELS, PHASES } from '../core/interaction-event';
import { channelName } from './diagnostic-text';
import type { Template } from '../core/config';
import type { FieldErrors } from './draft';
import { Check, CsvField, ListField, fieldId } from './fields';
import { t } from './i18n';

type When = Template['when'];

const KNOWN_CHANNELS = Object.keys(DEFAULT_CHANNEL_LABELS);

function toggle(list: readonly string[] | undefined, value: string, on: boolean): string[] {
  const rest = (list ?? []).filter((x) => x !== value);
  return on ? [...rest, value] : rest;
}

export function WhenEditor(props: {
  path: string;
  when: When;
  sourceIds: readonly string[];
  errors: FieldErrors;
  onChange: (when: When) => void;
}) {
  const { path, when, errors, onChange } = props;
  const phases = when.phases ?? [];
  const channels = when.channels ?? [];
  const sources = when.sources ?? [];
  const otherChannels = channels.filter((c) => !KNOWN_CHANNELS.includes(c));
  return (
    <>
      <fieldset class="checks">
        <legend>{t('whenPhases')}</legend>
        {PHASES.map((phase) => (
          <Check
            key={phase}
            id={fieldId(`${path}.phases.${phase}`)}
            label={t(`phase_${phase}`)}
            checked={phases.includes(phase)}
            onChange={(on) => onChange({ ...when, phases: toggle(phases, phase, on) as When['phases'] })}
          />
        ))}
        <small class="hint">{t('whenAnyHint')}</small>
        <details class="phase-help">
          <summary>{t('phasesExplained')}</summary>
          <dl>
            {PHASES.map((phase) => (
              <div key={phase}>
                <dt>{t(`phase_${phase}`)}</dt>
                <dd>{t(`phaseHelp_${phase}`)}</dd>
              </div>
            ))}
          </dl>
        </details>
      </fieldset>
      <fieldset class="checks">
        <legend>{t('whenChannels')}</legend>
        {KNOWN_CHANNELS.map((channel) => (
          <Check
            key={channel}
            id={fieldId(`${path}.channels.${channel}`)}
            label={channelName(channel)}
            checked={channels.includes(channel)}
            onChange={(on) => onChange({ ...when, channels: toggle(channels, channel, on) })}
          />
        ))}
        <CsvField
          path={`${path}.channels`}
          label={t('whenOtherChannels')}
          errors={errors}
          value={otherChannels}
          onInput={(others) =>
            onChange({ ...when, channels: [...channels.filter((c) => KNOWN_CHANNELS.includes(c)), ...others.map((c) => c.toLowerCase())] })
          }
        />
      </fieldset>
      {props.sourceIds.length > 0 && (
        <fieldset class="checks">
          <legend>{t('whenSources')}</legend>
          {props.sourceIds.map((id) => (
            <Check
              key={id}
              id={fieldId(`${path}.sources.${id}`)}
              label={id}
              checked={sources.includes(id)}
              onChange={(on) => onChange({ ...when, sources: toggle(sources, id, on) })}
            />
          ))}
        </fieldset>
      )}
      <ListField
        path={`${path}.queues`}
        label={t('whenQueues')}
        hint={t('whenQueuesHint')}
        errors={errors}
        value={when.queues ?? []}
        onInput={(queues) => onChange({ ...when, queues })}
      />
    </>
  );
}
