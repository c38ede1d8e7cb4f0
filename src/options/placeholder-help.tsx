// Beside every field where an integrator writes placeholders: a variable picker that types the
// variable at the field's caret, and the warnings about placeholders that would silently fail,
// each naming the field (a template has a dozen such fields; "unknown variable" alone says little).
import { useRef, useState } from 'preact/hooks';
import { insertionRange, insertPlaceholder, lintText } from '../core/template-lint';
import { t } from './i18n';

interface Props {
  /** The id of the field's input. */
  fieldId: string;
  /** The field as the agent knows it: its label, or its group and row for a parameter. */
  name: string;
  value: string;
  known: readonly string[];
}

/** The id of the warnings beside field `fieldId`, for the field's aria-describedby. */
export const lintId = (fieldId: string) => `${fieldId}-lint`;

export function PlaceholderHelp({ fieldId, name, value, known }: Props) {
  const [choice, setChoice] = useState('');
  // A choice made with the mouse is final; one made with the arrow keys on the closed list is only
  // browsing (Chrome fires change at each arrow): Enter or the Insert button commits it.
  const byPointer = useRef(false);
  const pickerId = `${fieldId}-vars`;
  const warnings = lintText(value, known);
  const insert = (variable: string) => {
    const field = document.getElementById(fieldId);
    if (!variable || !(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement)) return;
    typeInto(field, variable);
    setChoice('');
    byPointer.current = false;
  };
  return (
    <div class="placeholder-help">
      <div class="var-picker">
        <label for={pickerId}>{t('varPicker')}</label>
        <span class="var-picker-controls">
          <select
            id={pickerId}
            value={choice}
            aria-label={t('varPickerFor', name)}
            aria-controls={fieldId}
            onPointerDown={() => (byPointer.current = true)}
            onKeyDown={(e) => {
              byPointer.current = false;
              if (e.key === 'Enter' && choice) {
                e.preventDefault();
                insert(choice);
              }
            }}
            onChange={(e) => {
              const picked = e.currentTarget.value;
              if (byPointer.current) insert(picked);
              else setChoice(picked);
            }}
          >
            <option value="">{t('varPickerChoose')}</option>
            {known.map((variable) => (
              <option key={variable} value={variable}>
                {`{${variable}}`}
              </option>
            ))}
          </select>
          <button type="button" id={`${fieldId}-insert`} disabled={!choice} aria-label={t('varInsertInto', name)} aria-controls={fieldId} onClick={() => insert(choice)}>
            {t('varInsert')}
          </button>
        </span>
      </div>
      {/* Present while empty: a live region announces what is added to it, not what it starts with. */}
      <div id={lintId(fieldId)} role="status">
        {warnings.length > 0 && (
          <ul class="template-warnings">
            {warnings.map((w) => (
              <li key={`${w.code}-${w.args.join()}`} data-warning={w.code}>
                {t('lintInField', name, t(`lint_${w.code}`, ...w.args))}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

/**
 * Types `{variable}` into the field at its caret, the way the keyboard would: the field's own input
 * handler updates the document, and Ctrl+Z takes it back.
 */
function typeInto(field: HTMLInputElement | HTMLTextAreaElement, variable: string): void {
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  const at = insertionRange(field.value, start, end);
  field.focus();
  field.setSelectionRange(at.start, at.end);
  // insertText is the one way to keep the browser's undo history; setRangeText is the fallback.
  if (document.execCommand('insertText', false, `{${variable}}`)) return;
  const typed = insertPlaceholder(field.value, start, end, variable);
  field.value = typed.text;
  field.setSelectionRange(typed.caret, typed.caret);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}
