// Labelled form controls: every control has a label, and an error names its field inline and is
// tied to the control (aria-describedby), so a screen reader reads it with the field.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { messagesUnder, type FieldErrors } from './draft';
import { lintId, PlaceholderHelp } from './placeholder-help';

export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

interface FieldProps {
  path: string;
  label: string;
  errors: FieldErrors;
  hint?: string;
  /** Ids of more text describing the control (e.g. its placeholder warnings). */
  describedBy?: string;
  /** After the hint and errors: help that goes with the control (the variable picker). */
  footer?: ComponentChildren;
  children: (props: { id: string; describedBy: string | undefined; invalid: boolean }) => ComponentChildren;
}

export function Field({ path, label, errors, hint, describedBy: more, footer, children }: FieldProps) {
  const id = fieldId(path);
  // The field is labelled: its messages need no path in front of them.
  const messages = messagesUnder(errors, path);
  const describedBy = [hint ? `${id}-hint` : '', messages.length ? `${id}-err` : '', more ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={messages.length ? 'field invalid' : 'field'}>
      <label for={id}>{label}</label>
      {children({ id, describedBy, invalid: messages.length > 0 })}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {messages.length > 0 && (
        <p id={`${id}-err`} class="field-error" data-field={path}>
          {messages.join(' · ')}
        </p>
      )}
      {footer}
    </div>
  );
}

export function TextField(props: {
  path: string;
  label: string;
  errors: FieldErrors;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  type?: string;
  inputMode?: 'url' | 'text';
  placeholder?: string;
  /** The field is a template: the variables it may use (a picker and warnings come with it). */
  known?: readonly string[];
  /** How warnings and the picker name the field, when its label alone is ambiguous. */
  name?: string;
}) {
  const id = fieldId(props.path);
  const known = props.known;
  return (
    <Field
      path={props.path}
      label={props.label}
      errors={props.errors}
      hint={props.hint}
      describedBy={known && lintId(id)}
      footer={known && <PlaceholderHelp fieldId={id} name={props.name ?? props.label} value={props.value} known={known} />}
    >
      {({ describedBy, invalid }) => (
        <input
          id={id}
          type={props.type ?? 'text'}
          inputMode={props.inputMode}
          value={props.value}
          placeholder={props.placeholder}
          spellcheck={false}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

function toList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A list edited as lines of text (page patterns, origins, queues). */
export function ListField(props: {
  path: string;
  label: string;
  errors: FieldErrors;
  value: readonly string[];
  onInput: (value: string[]) => void;
  hint?: string;
  /** Applied to each line when the agent leaves the field (a bare site → a page pattern). */
  complete?: (item: string) => string;
}) {
  return (
    <Field path={props.path} label={props.label} errors={props.errors} hint={props.hint}>
      {({ id, describedBy, invalid }) => (
        <ListArea id={id} describedBy={describedBy} invalid={invalid} value={props.value} onInput={props.onInput} complete={props.complete} />
      )}
    </Field>
  );
}

/**
 * Local text, so a trailing separator survives while typing; the document gets the parsed items
 * and only an outside change (import, another field) resets the text.
 */
function useListText(value: readonly string[], separator: string, parse: (text: string) => string[]) {
  const joined = value.join(separator);
  const [text, setText] = useState(joined);
  useEffect(() => {
    if (parse(text).join(separator) !== joined) setText(joined);
  }, [joined]);
  return [text, setText] as const;
}

function ListArea(props: {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
  value: readonly string[];
  onInput: (value: string[]) => void;
  complete?: (item: string) => string;
}) {
  const [text, setText] = useListText(props.value, '\n', toList);
  const complete = props.complete;
  return (
    <textarea
      id={props.id}
      rows={Math.max(2, props.value.length + 1)}
      spellcheck={false}
      value={text}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid || undefined}
      onInput={(e) => {
        setText(e.currentTarget.value);
        props.onInput(toList(e.currentTarget.value));
      }}
      onBlur={
        complete &&
        ((e) => {
          const items = toList(e.currentTarget.value);
          const done = items.map(complete);
          if (done.join('\n') === items.join('\n')) return;
          setText(done.join('\n'));
          props.onInput(done);
        })
      }
    />
  );
}

function toCsv(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A short list edited as comma-separated text (other channels). */
export function CsvField(props: { path: string; label: string; errors: FieldErrors; value: readonly string[]; onInput: (value: string[]) => void }) {
  const [text, setText] = useListText(props.value, ', ', toCsv);
  return (
    <Field path={props.path} label={props.label} errors={props.errors}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          value={text}
          spellcheck={false}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onInput={(e) => {
            setText(e.currentTarget.value);
            props.onInput(toCsv(e.currentTarget.value));
          }}
        />
      )}
    </Field>
  );
}

export function Check(props: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label class="check" for={props.id}>
      <input id={props.id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.currentTarget.checked)} />
      {props.label}
    </label>
  );
}

export function Select<T extends string>(props: {
  path: string;
  label: string;
  errors: FieldErrors;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
}) {
  return (
    <Field path={props.path} label={props.label} errors={props.errors}>
      {({ id, describedBy }) => (
        <select id={id} value={props.value} aria-describedby={describedBy} onChange={(e) => props.onChange(e.currentTarget.value as T)}>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** What a save or an import came to: a sentence, the lines under it, and what else belongs there (an undo). */
export function StatusNote(props: { id: string; ok: boolean; text: string; details?: readonly string[]; children?: ComponentChildren }) {
  return (
    <div id={props.id} role={props.ok ? 'status' : 'alert'} class={props.ok ? 'ok' : 'error'}>
      <p>{props.text}</p>
      {props.details && (
        <ul>
          {props.details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {props.children}
    </div>
  );
}
