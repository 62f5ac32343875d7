import type { FieldError } from '@jobs/contracts';
import type { FieldSpec } from './schema-fields.js';

/** Field errors by the visible field they belong to, and those that belong to none (for the summary). */
export interface PlacedErrors {
  byField: ReadonlyMap<string, string[]>;
  unplaced: FieldError[];
}

/**
 * Puts each error beside the field it names, or the nearest field that holds it (`payload.tlds[2]`
 * beside `payload.tlds`); errors of fields not on screen (`payload.extra`, `payload`) stay unplaced.
 */
export function placeFieldErrors(errors: readonly FieldError[], visiblePaths: readonly string[]): PlacedErrors {
  const byField = new Map<string, string[]>();
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    const holder = holderOf(error.field, visiblePaths);
    if (holder === null) unplaced.push(error);
    else byField.set(holder, [...(byField.get(holder) ?? []), error.message]);
  }
  return { byField, unplaced };
}

/** The longest visible path that `field` is or lies within. */
export function holderOf(field: string, visiblePaths: readonly string[]): string | null {
  let holder: string | null = null;
  for (const path of visiblePaths) {
    const holds = field === path || field.startsWith(`${path}.`) || field.startsWith(`${path}[`);
    if (holds && (holder === null || path.length > holder.length)) holder = path;
  }
  return holder;
}

/** Every path of a payload form that shows its own errors: its fields and nested objects, or the payload itself when it is one JSON field. */
export function payloadFieldPaths(spec: FieldSpec): string[] {
  if (spec.kind !== 'object') return [spec.path];
  return spec.fields.flatMap((field) => (field.kind === 'object' ? [field.path, ...payloadFieldPaths(field)] : [field.path]));
}

/** A DOM id for a field's control (and `-help`, `-error` for its texts): unique per path, whatever characters the path has. */
export function fieldIdOf(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9-]/g, (character) => `_${character.codePointAt(0)?.toString(16) ?? ''}_`)}`;
}
