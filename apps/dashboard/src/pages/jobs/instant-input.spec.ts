import { describe, expect, it } from '@jest/globals';
import { instantToLocalInput, localInputToInstant } from './instant-input.js';

describe('datetime-local inputs and URL instants', () => {
  it('turns a local input into a UTC instant and back', () => {
    const instant = localInputToInstant('2026-12-06T14:03');
    expect(instant).toBe(new Date(2026, 11, 6, 14, 3).toISOString().replace('.000Z', 'Z'));
    expect(instantToLocalInput(instant)).toBe('2026-12-06T14:03');
  });

  it('reads every form the API takes, and shows nothing for what it cannot read', () => {
    const local = new Date(Date.UTC(2026, 0, 31, 12, 0));
    const expected = instantToLocalInput(local.toISOString());
    expect(instantToLocalInput('2026-01-31T12:00:00Z')).toBe(expected);
    expect(instantToLocalInput(String(local.getTime()))).toBe(expected);
    expect(instantToLocalInput(null)).toBe('');
    expect(instantToLocalInput('yesterday')).toBe('');
    expect(localInputToInstant('')).toBeNull();
    expect(localInputToInstant('2026-13-45T99:99x')).toBeNull();
  });
});
