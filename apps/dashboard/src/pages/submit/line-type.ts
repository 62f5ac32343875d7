import type { TextSpec } from './schema-fields.js';

/**
 * An `<input>`'s type as a spreadable object: Preact types an input by its `type`, so a value that
 * may be any of three is given as one of three objects.
 */
export function lineType(type: TextSpec['inputType']): { type: 'text' } | { type: 'email' } | { type: 'url' } {
  return type === 'email' ? { type: 'email' } : type === 'url' ? { type: 'url' } : { type: 'text' };
}
