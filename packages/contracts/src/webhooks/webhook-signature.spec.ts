import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { verifyWebhook, webhookSignature } from './webhook-signature.js';

const SECRET = 'a-webhook-secret-of-some-length';
const BODY = '{"id":"j1","status":"COMPLETED","note":"ünïcode ✓"}';

/** The signature as the README tells receivers to compute it, with Node's own HMAC. */
function nodeSignature(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

const now = (): number => Math.floor(Date.now() / 1000);

describe('webhookSignature', () => {
  it("is the base64 HMAC-SHA256 of id, timestamp and body, byte for byte Node's", async () => {
    expect(await webhookSignature(SECRET, 'j1:COMPLETED', 1_767_225_600, BODY)).toBe(nodeSignature(SECRET, 'j1:COMPLETED', 1_767_225_600, BODY));
  });
});

describe('verifyWebhook', () => {
  const headersFor = (signature: string, timestamp = now(), id = 'j1:COMPLETED') => ({ id, timestamp: String(timestamp), signature });

  it('accepts a signature made with node:crypto, and its own', async () => {
    const timestamp = now();
    expect(await verifyWebhook(SECRET, headersFor(nodeSignature(SECRET, 'j1:COMPLETED', timestamp, BODY), timestamp), BODY)).toBe(true);
    expect(await verifyWebhook(SECRET, headersFor(await webhookSignature(SECRET, 'j1:COMPLETED', timestamp, BODY), timestamp), BODY)).toBe(true);
  });

  it('refuses a tampered body, id or timestamp, and another secret', async () => {
    const timestamp = now();
    const signature = nodeSignature(SECRET, 'j1:COMPLETED', timestamp, BODY);
    expect(await verifyWebhook(SECRET, headersFor(signature, timestamp), BODY.replace('COMPLETED', 'FAILED'))).toBe(false);
    expect(await verifyWebhook(SECRET, headersFor(signature, timestamp, 'j1:FAILED'), BODY)).toBe(false);
    expect(await verifyWebhook(SECRET, headersFor(signature, timestamp - 1), BODY)).toBe(false);
    expect(await verifyWebhook('another-secret-entirely', headersFor(signature, timestamp), BODY)).toBe(false);
  });

  it('refuses a flipped bit of the signature', async () => {
    const timestamp = now();
    const mac = Buffer.from(nodeSignature(SECRET, 'j1:COMPLETED', timestamp, BODY).slice(3), 'base64');
    mac[0] = (mac[0] ?? 0) ^ 1;
    expect(await verifyWebhook(SECRET, headersFor(`v1,${mac.toString('base64')}`, timestamp), BODY)).toBe(false);
  });

  it('accepts any one of several space-separated signatures, and ignores garbled ones', async () => {
    const timestamp = now();
    const good = nodeSignature(SECRET, 'j1:COMPLETED', timestamp, BODY);
    const other = nodeSignature('the-previous-secret-value', 'j1:COMPLETED', timestamp, BODY);
    expect(await verifyWebhook(SECRET, headersFor(`${other} v2,abc v1,not*base64 ${good}`, timestamp), BODY)).toBe(true);
    expect(await verifyWebhook(SECRET, headersFor(`${other} v1,not*base64 ${good.replace('v1,', 'v0,')}`, timestamp), BODY)).toBe(false);
    expect(await verifyWebhook(SECRET, headersFor('', timestamp), BODY)).toBe(false);
  });

  it('refuses timestamps outside the tolerance, or not whole seconds', async () => {
    const sign = (timestamp: number) => headersFor(nodeSignature(SECRET, 'j1:COMPLETED', timestamp, BODY), timestamp);
    expect(await verifyWebhook(SECRET, sign(now() - 290), BODY)).toBe(true);
    expect(await verifyWebhook(SECRET, sign(now() - 310), BODY)).toBe(false);
    expect(await verifyWebhook(SECRET, sign(now() + 310), BODY)).toBe(false);
    expect(await verifyWebhook(SECRET, sign(now() - 310), BODY, 600)).toBe(true);
    expect(await verifyWebhook(SECRET, { ...sign(now()), timestamp: 'soon' }, BODY)).toBe(false);
  });
});
