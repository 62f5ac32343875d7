const COUNT_FORMAT = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** A count with thousands separators: `1,234,567`. */
export function formatCount(count: number): string {
  return COUNT_FORMAT.format(count);
}
