/** `true`/`false` (or `1`/`0`) from a query string or environment; anything else is left to fail validation. */
export function parseBooleanString({ value }: { value: unknown }): unknown {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}
