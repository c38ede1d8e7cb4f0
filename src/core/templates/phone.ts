// Phone formats of "Formato del numero di telefono" in the CCAI Platform custom CRM guide:
// E.164 `{ANI|e164}`, US Local `{ANI|national|digits}`, US standard local `{ANI|national}`,
// international `{ANI|international}`.
import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core';
// The metadata (80 KB) ships as text and is parsed the first time a template uses a phone
// filter: evaluating it as a script would cost every cold start of the worker.
import metadataText from 'libphonenumber-js/metadata.min.json?raw';

let metadata: MetadataJson | null = null;
const phoneMetadata = () => (metadata ??= JSON.parse(metadataText.slice(metadataText.indexOf('{'))) as MetadataJson);

export type PhoneFormat = 'e164' | 'national' | 'international';

export function digitsOf(value: string): string {
  return value.replace(/\D+/g, '');
}

export function formatPhone(value: string, format: PhoneFormat, defaultCountry: string): string {
  if (!value.trim()) return '';
  try {
    const phone = parsePhoneNumberFromString(value, defaultCountry as CountryCode, phoneMetadata());
    if (phone?.isPossible()) {
      if (format === 'e164') return phone.number;
      return format === 'national' ? phone.formatNational() : phone.formatInternational();
    }
  } catch {
    // A malformed defaultCountry or number must never stop a screen pop: fall through to the digits.
  }
  return digitsOf(value);
}
