/**
 * Where the first U+0000 is in a parsed JSON value or query — a string, or an object's key — as a
 * field path (`payload.text`, `jobs[0].metadata`); null when there is none. PostgreSQL's `text` and
 * `jsonb` cannot hold the character, so requests carrying one are refused whole. Iterative, so any
 * depth is safe.
 */
export function nulCharacterPath(value: unknown, root = ''): string | null {
  const pending: Array<[unknown, string]> = [[value, root]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, path] = next;
    if (typeof current === 'string') {
      if (current.includes('\0')) return path;
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push([item, `${path}[${index}]`]));
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      // A key is reported as the object that holds it: the key itself may not be printable.
      if (key.includes('\0')) return path;
      pending.push([child, path ? `${path}.${key}` : key]);
    }
  }
  return null;
}
