// The first-run guide, shown while the configuration is empty: which agent desktop, its address,
// the CRM page — and a working source and template come out, shown on that vendor's sample event
// before they are saved.
import { useMemo, useState } from 'preact/hooks';
import type { Config } from '../core/config';
import { guideConfig, GUIDE_VENDORS, type GuideVendor } from '../core/first-run';
import { neededOrigins } from './draft';
import { withCountry } from '../core/locale-country';
import { TextField } from './fields';
import { requestHostAccess } from './host-access';
import { pageLocale, t } from './i18n';
import { preview } from './preview-model';

interface Props {
  onCreate: (config: Config) => Promise<string | null>;
  onSkip: () => void;
}

export function FirstRun({ onCreate, onSkip }: Props) {
  const [vendor, setVendor] = useState<GuideVendor>('ccai');
  const [desktop, setDesktop] = useState('');
  const [crm, setCrm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const result = useMemo(() => guideConfig({ vendor, desktop, crm }, t('guideTemplateName')), [vendor, desktop, crm]);
  const shown = useMemo(() => {
    if (!result.ok) return null;
    const p = preview(withCountry(result.config, pageLocale()), result.config.sources[0]!, result.sample);
    const row = p.ok ? p.rows[0] : undefined;
    return row?.output.kind === 'url' ? row.output.url : null;
  }, [result]);
  // Problems show once the agent typed something: an empty form is not an error.
  const errors = Object.fromEntries(
    (result.ok ? [] : result.problems)
      .filter((p) => (p.field === 'desktop' ? desktop : crm).trim() !== '')
      .map((p) => [`guide.${p.field}`, t(p.code)]),
  );

  const create = async () => {
    if (!result.ok) return;
    await requestHostAccess(neededOrigins(result.config));
    const rejected = await onCreate(result.config);
    setError(rejected);
  };

  return (
    <section aria-labelledby="guide-heading" id="first-run">
      <h2 id="guide-heading">{t('guideHeading')}</h2>
      <p class="lead">{t('guideLead')}</p>
      <fieldset>
        <legend>{t('guideVendor')}</legend>
        {GUIDE_VENDORS.map((v) => (
          <label key={v} class="check">
            <input type="radio" name="guide-vendor" value={v} checked={vendor === v} onChange={() => setVendor(v)} />
            {t(`guideVendor_${v}`)}
          </label>
        ))}
      </fieldset>
      <TextField
        path="guide.desktop"
        label={t(`guideDesktop_${vendor}`)}
        hint={t(`guideDesktopHint_${vendor}`)}
        errors={errors}
        value={desktop}
        onInput={setDesktop}
        placeholder="https://"
      />
      <TextField
        path="guide.crm"
        label={t('guideCrm')}
        hint={t('guideCrmHint')}
        errors={errors}
        value={crm}
        onInput={setCrm}
        placeholder="https://crm.example.com/search"
      />
      <h3>{t('guideTry')}</h3>
      {shown ? (
        <>
          <p>{t('guideTryLead', t(`guideVendor_${vendor}`))}</p>
          <p>
            <code id="guide-preview" class="url">
              {shown}
            </code>
          </p>
        </>
      ) : (
        <p class="empty" id="guide-preview-empty">
          {t('guideTryEmpty')}
        </p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <p class="actions">
        <button type="button" class="primary" id="guide-create" disabled={!result.ok} onClick={() => void create()}>
          {t('guideCreate')}
        </button>
        <button type="button" id="guide-skip" onClick={onSkip}>
          {t('guideSkip')}
        </button>
      </p>
    </section>
  );
}

/** After the guide: what to do next, with the words the popup will use. */
export function GuideDone({ onClose }: { onClose: () => void }) {
  return (
    <div class="notice" role="status" id="guide-done">
      <p>{t('guideDone')}</p>
      <ol>
        <li>{t('guideNext1')}</li>
        <li>{t('guideNext2')}</li>
        <li>{t('guideNext3')}</li>
      </ol>
      <button type="button" onClick={onClose}>
        {t('guideDoneClose')}
      </button>
    </div>
  );
}
