/** A query value as the API reads it: lists comma-separated, instants as ISO 8601. */
export type QueryValue = string | number | boolean | Date | readonly (string | number)[] | null | undefined;

/** `?a=1&b=x,y` from an object; undefined and null members are left out. */
export function toQueryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, QueryValue][]) {
    if (value === undefined || value === null) continue;
    if (value instanceof Date) params.set(key, value.toISOString());
    else if (Array.isArray(value)) params.set(key, value.join(','));
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
