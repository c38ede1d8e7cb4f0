// How a request's parameters travel as a body: JSON or form, and the optional container that wraps
// them. The webhook action and the lookup's search request share these fields (same shape).
import type { WebhookAction } from '../core/config';
import type { FieldErrors } from './draft';
import { Select, TextField } from './fields';
import { t } from './i18n';

export type Body = Pick<WebhookAction, 'body' | 'container'>;

/** Fields at `${path}.body`, `${path}.container.type` and `${path}.container.name`. */
export function BodyFields({ path, value, errors, onChange }: { path: string; value: Body; errors: FieldErrors; onChange: (next: Body) => void }) {
  const container = value.container;
  return (
    <>
      <Select
        path={`${path}.body`}
        label={t('webhookBody')}
        errors={errors}
        value={value.body}
        options={[
          { value: 'json', label: 'JSON' },
          { value: 'form', label: t('webhookBodyForm') },
        ]}
        onChange={(body) => onChange({ body, container })}
      />
      <Select
        path={`${path}.container.type`}
        label={t('webhookContainer')}
        errors={errors}
        value={container?.type ?? 'none'}
        options={(['none', 'map', 'array'] as const).map((type) => ({ value: type, label: t(`container_${type}`) }))}
        onChange={(type) => onChange({ body: value.body, container: type === 'none' ? undefined : { type, name: container?.name ?? 'data' } })}
      />
      {container && (
        <TextField
          path={`${path}.container.name`}
          label={t('webhookContainerName')}
          errors={errors}
          value={container.name}
          onInput={(name) => onChange({ body: value.body, container: { ...container, name } })}
        />
      )}
    </>
  );
}
