import { type HmacKey, web } from '../common/web-platform.js';

/** Headers of every delivery, after the Standard Webhooks convention. */
export const WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

const VERSION_PREFIX = 'v1,';

/**
 * `v1,` + base64 HMAC-SHA256 over `${id}.${timestamp}.${body}`, keyed with the webhook secret (not
 * empty: Web Crypto refuses empty HMAC keys). Asynchronous because Web Crypto is, which is what lets
 * the same code run in Node and in browsers.
 */
export async function webhookSignature(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const mac = await web.crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), signedContent(id, timestamp, body));
  return `${VERSION_PREFIX}${toBase64(new Uint8Array(mac))}`;
}

/**
 * What a receiver runs: true when one of the space-separated signatures matches and the timestamp is
 * within `toleranceSeconds` of now (replays of old deliveries are refused). Web Crypto's `verify`
 * compares in constant time, so the comparison leaks nothing about the expected signature.
 */
export async function verifyWebhook(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  toleranceSeconds = 300,
): Promise<boolean> {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const key = await hmacKey(secret, 'verify');
  const content = signedContent(headers.id, timestamp, body);
  const macs = headers.signature
    .split(' ')
    .flatMap((candidate) => (candidate.startsWith(VERSION_PREFIX) ? [fromBase64(candidate.slice(VERSION_PREFIX.length))] : []))
    .filter((mac) => mac !== null);
  const matches = await Promise.all(macs.map((mac) => web.crypto.subtle.verify('HMAC', key, mac, content)));
  return matches.includes(true);
}

function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<HmacKey> {
  return web.crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

function signedContent(id: string, timestamp: number, body: string): Uint8Array {
  return utf8(`${id}.${timestamp}.${body}`);
}

function utf8(text: string): Uint8Array {
  return new web.TextEncoder().encode(text);
}

function toBase64(bytes: Uint8Array): string {
  return web.btoa(String.fromCharCode(...bytes));
}

/** The bytes of a base64 text, or null when it is not base64. */
function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(web.atob(text), (character) => character.charCodeAt(0));
  } catch {
    return null;
  }
}
