/**
 * Request bodies nested deeper than this are refused with 400: no contract needs more, and every
 * recursive step after parsing (validation, storage, serialisation) pays for deep nesting.
 */
export const MAX_JSON_DEPTH = 32;

/** Whether arrays and objects nest deeper than `limit` levels (the value itself is level 1); iterative, so any depth is safe. */
export function jsonDepthExceeds(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (typeof current !== 'object' || current === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}
