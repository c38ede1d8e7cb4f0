// The templates, in the order they are evaluated.
import { useMemo, useState } from 'preact/hooks';
import { knownVariables, laterPhaseVars } from '../core/template-lint';
import type { Config, Template } from '../core/config';
import { move, newTemplate, type FieldErrors } from './draft';
import { t } from './i18n';
import { TemplateEditor } from './template-editor';

function withLater(known: readonly string[], later: readonly string[]): readonly string[] {
  return later.length ? [...new Set([...known, ...later])].sort() : known;
}

export function TemplatesList(props: { config: Config; errors: FieldErrors; onChange: (templates: Template[]) => void }) {
  const { config, errors, onChange } = props;
  const templates = config.templates;
  // Open state by position: ids change while the agent types them.
  const [open, setOpen] = useState<Record<number, boolean>>((): Record<number, boolean> => (templates.length === 1 ? { 0: true } : {}));
  const sourceIds = config.sources.map((s) => s.id);
  const known = useMemo(() => knownVariables(config), [config.sources]);
  const add = () => {
    onChange([...templates, newTemplate(config)]);
    setOpen({ ...open, [templates.length]: true });
    // Bring the new template's first field to the agent.
    requestAnimationFrame(() => document.getElementById(`f-templates-${templates.length}-name`)?.focus());
  };
  return (
    <section aria-labelledby="templates-heading">
      <h2 id="templates-heading">{t('templatesHeading')}</h2>
      <p class="lead">{t('templatesLead')}</p>
      {templates.length === 0 && <p class="empty">{t('templatesNone')}</p>}
      {templates.map((template, index) => (
        <TemplateEditor
          key={index}
          template={template}
          index={index}
          count={templates.length}
          open={open[index] ?? false}
          sourceIds={sourceIds}
          config={config}
          known={withLater(known, laterPhaseVars(templates, index))}
          errors={errors}
          onToggle={(isOpen) => setOpen((o) => ({ ...o, [index]: isOpen }))}
          onChange={(next) => onChange(templates.map((t0, i) => (i === index ? next : t0)))}
          onMove={(delta) => {
            onChange(move(templates, index, delta));
            setOpen((o) => ({ ...o, [index]: o[index + delta] ?? false, [index + delta]: o[index] ?? false }));
          }}
          onRemove={() => {
            onChange(templates.filter((_, i) => i !== index));
            setOpen({});
          }}
        />
      ))}
      <button type="button" id="add-template" onClick={add}>
        {t('templateAdd')}
      </button>
    </section>
  );
}
