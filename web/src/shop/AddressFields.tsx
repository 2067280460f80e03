// The postal address fields, used by checkout and the profile; each shows the API's message for it.
import type { Address } from '../api/types';
import { TextField } from '../ui/Field';

const FIELDS = [
  { name: 'line1', label: 'Street and number', autoComplete: 'address-line1' },
  { name: 'line2', label: 'Apartment, suite (optional)', autoComplete: 'address-line2' },
  { name: 'city', label: 'City', autoComplete: 'address-level2' },
  { name: 'postal_code', label: 'Postal code', autoComplete: 'postal-code' },
  { name: 'country', label: 'Country', autoComplete: 'country' },
] as const;

export const EMPTY_ADDRESS: Address = { line1: '', city: '', postal_code: '', country: '' };

/** The address as the API takes it: an empty optional line is left out. */
export function addressOf(form: Address): Address {
  const { line2, ...required } = form;
  return line2?.trim() ? { ...required, line2 } : required;
}

/** `errors` by field path as fieldErrors() gives them; `prefix` is where the address sits in the body. */
export function AddressFields({
  value,
  onChange,
  errors,
  prefix,
}: {
  value: Address;
  onChange(next: Address): void;
  errors: Record<string, string>;
  prefix: string;
}) {
  const errorOf = (name: string) => {
    const message = errors[`${prefix}.${name}`];
    if (message && name === 'country' && /format/.test(message))
      return 'Use the two-letter country code, like US or DE.';
    return message;
  };
  return (
    <div className="form">
      {FIELDS.map((f) => (
        <TextField
          key={f.name}
          label={f.label}
          name={f.name}
          autoComplete={f.autoComplete}
          hint={f.name === 'country' ? 'Two letters, like US or DE' : undefined}
          value={value[f.name] ?? ''}
          onChange={(e) => onChange({ ...value, [f.name]: e.target.value })}
          error={errorOf(f.name)}
        />
      ))}
    </div>
  );
}
