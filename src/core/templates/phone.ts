// Phone formats of "Formato del numero di telefono" in the CCAI Platform custom CRM guide:
// E.164 `{ANI|e164}`, US Local `{ANI|national|digits}`, US standard local `{ANI|national}`,
// international `{ANI|international}`.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export type PhoneFormat = 'e164' | 'national' | 'international';

export function digitsOf(value: string): string {
  return value.replace(/\D+/g, '');
}

export function formatPhone(value: string, format: PhoneFormat, defaultCountry: string): string {
  if (!value.trim()) return '';
  try {
    const phone = parsePhoneNumberFromString(value, defaultCountry as CountryCode);
    if (phone?.isPossible()) {
      if (format === 'e164') return phone.number;
      return format === 'national' ? phone.formatNational() : phone.formatInternational();
    }
  } catch {
    // A malformed defaultCountry or number must never stop a screen pop: fall through to the digits.
  }
  return digitsOf(value);
}
