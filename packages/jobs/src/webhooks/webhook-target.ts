import { BlockList, isIP } from 'node:net';

/** Loopback, private, link-local, carrier-grade NAT and other non-public ranges (IPv4 and IPv6). */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
// (Node matches IPv4 addresses against IPv6 rules too, so no rule may cover the IPv4-mapped range.)
for (const [network, prefix] of [['::', 127], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped IPv6 one (`::ffff:127.0.0.1`, `::ffff:7f00:1`), or null. */
function mappedIpv4(address: string): string | null {
  const match = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/i.exec(address);
  if (!match?.[1]) return null;
  if (isIP(match[1]) === 4) return match[1];
  const hextets = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(match[1]);
  if (!hextets) return null;
  const [high, low] = [Number.parseInt(hextets[1] ?? '', 16), Number.parseInt(hextets[2] ?? '', 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = mappedIpv4(address);
    if (mapped) return NON_PUBLIC.check(mapped, 'ipv4');
  }
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
