import { BlockList, isIP } from 'node:net';

/** Loopback, private, link-local, carrier-grade NAT and other non-public ranges (IPv4 and IPv6). */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 127], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['::ffff:0:0', 96]] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Webhook targets must be public, so a job cannot make the platform call into its own network,
 * unless the host is on the operator's allow-list (WEBHOOK_ALLOWED_HOSTS).
 */
export class WebhookTargetPolicy {
  private readonly allowed: ReadonlySet<string>;

  constructor(allowedHosts: readonly string[]) {
    this.allowed = new Set(allowedHosts.map((host) => host.toLowerCase()));
  }

  isAllowedHost(host: string): boolean {
    return this.allowed.has(host.toLowerCase().replace(/^\[|\]$/g, ''));
  }

  /** Why `url` may not be called with what its host resolves to, or null when it may. */
  problem(url: URL, addresses: readonly string[]): string | null {
    if (this.isAllowedHost(url.hostname)) return null;
    if (url.hostname === 'localhost' || url.hostname.endsWith('.localhost')) return `${url.hostname} is a loopback host`;
    const blocked = addresses.find((address) => isNonPublicAddress(address) && !this.isAllowedHost(address));
    return blocked ? `${url.hostname} resolves to ${blocked}, which is not a public address` : null;
  }
}
