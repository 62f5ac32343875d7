import { describe, expect, it } from '@jest/globals';
import { forgetToken, loadToken, normaliseToken, saveToken, tokenFromFragment, type TokenStore } from './token-storage.js';

function memoryStore(): TokenStore {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
}

describe('token storage', () => {
  it('keeps, returns and forgets the token', () => {
    const store = memoryStore();
    expect(loadToken(store)).toBeNull();
    saveToken(store, 'a.b.c');
    expect(loadToken(store)).toBe('a.b.c');
    forgetToken(store);
    expect(loadToken(store)).toBeNull();
  });

  it('takes the token out of a sign-in link fragment and keeps the rest of it', () => {
    expect(tokenFromFragment('#token=a.b.c')).toEqual({ token: 'a.b.c', rest: '' });
    expect(tokenFromFragment('#token=a.b.c&tab=raw')).toEqual({ token: 'a.b.c', rest: '#tab=raw' });
    expect(tokenFromFragment('')).toEqual({ token: null, rest: '' });
    expect(tokenFromFragment('#token=')).toEqual({ token: null, rest: '' });
  });

  it('accepts a pasted token with or without its Bearer prefix, and nothing else', () => {
    expect(normaliseToken('  Bearer eyJh.eyJz.sig_-  ')).toBe('eyJh.eyJz.sig_-');
    expect(normaliseToken('eyJh.eyJz.')).toBe('eyJh.eyJz.');
    expect(normaliseToken('not a token')).toBeNull();
    expect(normaliseToken('a.b')).toBeNull();
    expect(normaliseToken('<script>.x.y')).toBeNull();
  });
});
