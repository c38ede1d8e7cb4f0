// Settings for every template: phone-number country, allowed URL prefixes, history, channel labels,
// the CRMs the side panel may frame.
import type { Settings } from '../core/config';
import type { FieldErrors } from './draft';
import { countryFromLocale } from '../core/locale-country';
import { completeOrigin } from '../core/first-run';
import { ListField, TextField } from './fields';
import { pageLocale, t } from './i18n';

function labelsToLines(labels: Record<string, string>): string[] {
  return Object.entries(labels).map(([channel, label]) => `${channel}=${label}`);
}

/** "crm.example.com/app" → "https://crm.example.com"; a wildcard or a non-address stays as typed (and is named if wrong). */
function completeSidePanelOrigin(item: string): string {
  return item.includes('*') ? item : (completeOrigin(item) ?? item);
}

function linesToLabels(lines: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf('=');
    if (at > 0) labels[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return labels;
}

export function SettingsEditor(props: { settings: Settings; errors: FieldErrors; onChange: (settings: Settings) => void }) {
  const { settings, errors, onChange } = props;
  const set = (patch: Partial<Settings>) => onChange({ ...settings, ...patch });
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('settingsHeading')}</h2>
      <div class="grid2">
        <TextField
          path="settings.defaultCountry"
          label={t('settingsCountry')}
          hint={t('settingsCountryHint', countryFromLocale(pageLocale()))}
          errors={errors}
          value={settings.defaultCountry}
          placeholder={countryFromLocale(pageLocale())}
          onInput={(defaultCountry) => set({ defaultCountry: defaultCountry.toUpperCase() })}
        />
        <TextField
          path="settings.historyMinutes"
          label={t('settingsHistory')}
          hint={t('settingsHistoryHint')}
          errors={errors}
          type="number"
          value={String(settings.historyMinutes)}
          onInput={(minutes) => set({ historyMinutes: Number(minutes) })}
        />
      </div>
      <ListField
        path="settings.allowedUrlPrefixes"
        label={t('settingsPrefixes')}
        hint={t('settingsPrefixesHint')}
        errors={errors}
        value={settings.allowedUrlPrefixes}
        onInput={(allowedUrlPrefixes) => set({ allowedUrlPrefixes })}
      />
      <ListField
        path="settings.channelLabels"
        label={t('settingsLabels')}
        hint={t('settingsLabelsHint')}
        errors={errors}
        value={labelsToLines(settings.channelLabels)}
        onInput={(lines) => set({ channelLabels: linesToLabels(lines) })}
      />
      <ListField
        path="settings.sidePanelOrigins"
        label={t('settingsSidePanelOrigins')}
        hint={t('settingsSidePanelOriginsHint')}
        errors={errors}
        value={settings.sidePanelOrigins ?? []}
        onInput={(origins) => set({ sidePanelOrigins: origins.length ? origins : undefined })}
        complete={completeSidePanelOrigin}
      />
    </section>
  );
}
