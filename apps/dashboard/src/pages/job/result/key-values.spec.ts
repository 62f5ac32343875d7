import { describe, expect, it } from '@jest/globals';
import { keyValueRows } from './key-values.js';

describe('keyValueRows', () => {
  it('shows plain values as text and nested ones as JSON', () => {
    expect(keyValueRows({ sleptMs: 1000, ok: true, note: null, label: '<b>x</b>', steps: [1, 2] })).toEqual([
      { key: 'sleptMs', text: '1000', structured: false },
      { key: 'ok', text: 'true', structured: false },
      { key: 'note', text: 'null', structured: false },
      { key: 'label', text: '<b>x</b>', structured: false },
      { key: 'steps', text: '[\n  1,\n  2\n]', structured: true },
    ]);
  });

  it('leaves anything but an object to the JSON view', () => {
    expect(keyValueRows([1])).toBeNull();
    expect(keyValueRows('text')).toBeNull();
    expect(keyValueRows(null)).toBeNull();
  });
});
