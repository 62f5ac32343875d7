export const METADATA_LIMITS = { maxKeys: 50, maxKeyLength: 64, maxValueLength: 512 } as const;

/** Explains why `value` is not valid job metadata, or returns null when it is. */
export function metadataProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be an object of labels';
  }
  const entries = Object.entries(value);
  if (entries.length > METADATA_LIMITS.maxKeys) return `must have at most ${METADATA_LIMITS.maxKeys} keys`;
  for (const [key, label] of entries) {
    if (key.length === 0 || key.length > METADATA_LIMITS.maxKeyLength) {
      return `keys must be 1 to ${METADATA_LIMITS.maxKeyLength} characters`;
    }
    const isScalar = typeof label === 'number' ? Number.isFinite(label) : typeof label === 'boolean';
    if (typeof label === 'string') {
      if (label.length > METADATA_LIMITS.maxValueLength) {
        return `value of "${key}" must be at most ${METADATA_LIMITS.maxValueLength} characters`;
      }
    } else if (!isScalar) {
      return `value of "${key}" must be a string, a finite number or a boolean`;
    }
  }
  return null;
}
