import { describe, expect, it } from '@jest/globals';
import { isNonPublicAddress, WebhookTargetPolicy } from './webhook-target.js';

describe('webhook targets', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a00:1', '0.0.0.0'])(
    'knows %s is not public',
    (address) => expect(isNonPublicAddress(address)).toBe(true),
  );

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('knows %s is public', (address) => expect(isNonPublicAddress(address)).toBe(false));

  it('refuses loopback and private targets unless allow-listed', () => {
    const policy = new WebhookTargetPolicy(['127.0.0.1', 'hooks.internal']);
    expect(policy.problem(new URL('http://localhost:8080/x'), ['127.0.0.1'])).toBe('localhost is a loopback host');
    expect(policy.problem(new URL('http://db.corp/x'), ['10.0.0.5'])).toBe('db.corp resolves to 10.0.0.5, which is not a public address');
    expect(policy.problem(new URL('http://127.0.0.1:9000/x'), ['127.0.0.1'])).toBeNull();
    expect(policy.problem(new URL('https://hooks.internal/x'), ['10.0.0.9'])).toBeNull();
    expect(policy.problem(new URL('https://example.com/x'), ['93.184.216.34'])).toBeNull();
  });
});
