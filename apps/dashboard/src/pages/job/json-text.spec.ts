import { describe, expect, it } from '@jest/globals';
import { clipText, prettyJson } from './json-text.js';

describe('json text', () => {
  it('indents JSON and keeps markup as characters', () => {
    expect(prettyJson({ a: '<script>alert(1)</script>' })).toBe('{\n  "a": "<script>alert(1)</script>"\n}');
    expect(prettyJson(undefined)).toBe('undefined');
  });

  it('clips long texts, saying how much is left out', () => {
    expect(clipText('abcdef', 10)).toEqual({ shown: 'abcdef', hidden: 0 });
    expect(clipText('abcdef', 4)).toEqual({ shown: 'abcd', hidden: 2 });
  });
});
