/** What `q` searches: the job type and metadata keys and values, lower-cased (as the migration backfills it). */
export function searchTextFor(type: string, metadata: Record<string, string | number | boolean>): string {
  const labels = Object.entries(metadata).map(([key, value]) => `${key} ${String(value)}`);
  return [type, ...labels].join(' ').toLowerCase();
}
