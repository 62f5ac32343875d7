import { describe, expect, it } from '@jest/globals';
import { extractIndicators } from './extract-indicators.js';

function valuesOf(text: string, kind: string): string[] {
  return extractIndicators(text)
    .indicators.filter((indicator) => indicator.kind === kind)
    .map((indicator) => indicator.value);
}

describe('extractIndicators', () => {
  it('finds every kind in a realistic threat report', () => {
    const report = `
      APT-X used hxxps://update-check[.]example[.]com/payload.bin?id=7 and the C2 at 185.220.101[.]45:443.
      Phishing came from billing(at)paypa1-secure[.]net; the dropper (SHA-256
      E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855, MD5 d41d8cd98f00b204e9800998ecf8427e,
      SHA-1 da39a3ee5e6b4b0d3255bfef95601890afd80709) exploits cve-2021-44228 and CVE-2023-4863.
      IPv6 beacon: 2001:0DB8:0000:0000:0000:ff00:0042:8329. Staging domain: cdn.evil-corp(dot)org.
    `;
    const result = extractIndicators(report);
    const byKind = Object.fromEntries(
      ['url', 'email', 'ipv4', 'ipv6', 'domain', 'md5', 'sha1', 'sha256', 'cve'].map((kind) => [
        kind,
        result.indicators.filter((indicator) => indicator.kind === kind).map((indicator) => indicator.value),
      ]),
    );
    expect(byKind).toEqual({
      url: ['https://update-check.example.com/payload.bin?id=7'],
      email: ['billing@paypa1-secure.net'],
      ipv4: ['185.220.101.45'],
      ipv6: ['2001:db8::ff00:42:8329'],
      domain: ['cdn.evil-corp.org'],
      md5: ['d41d8cd98f00b204e9800998ecf8427e'],
      sha1: ['da39a3ee5e6b4b0d3255bfef95601890afd80709'],
      sha256: ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      cve: ['CVE-2021-44228', 'CVE-2023-4863'],
    });
    expect(result.total).toBe(10);
    expect(result.counts).toEqual({ ipv4: 1, ipv6: 1, domain: 1, url: 1, email: 1, md5: 1, sha1: 1, sha256: 1, cve: 2 });
  });

  it('counts repeated values once with their occurrences, after normalising case and defanging', () => {
    const result = extractIndicators('Evil.COM, evil[.]com and EVIL(dot)com again; 8.8.8.8 then 8.8.8.8');
    expect(result.indicators).toEqual([
      { kind: 'ipv4', value: '8.8.8.8', occurrences: 2 },
      { kind: 'domain', value: 'evil.com', occurrences: 3 },
    ]);
  });

  it('does not take version numbers, build numbers or dotted quads out of range for IPv4 addresses', () => {
    const text = 'Upgrade to version 1.2.3.4 or v10.0.0.1; build 10.0.19041.1 fixed it; 256.1.1.1 and 1.2.3 and 1.2.3.4.5';
    expect(valuesOf(text, 'ipv4')).toEqual([]);
  });

  it('does not take file names or code for domains', () => {
    const text = 'Open invoice.pdf, run setup.exe or install.sh, read README.md, edit config.json, call node.js or window.open() and setup.py';
    expect(valuesOf(text, 'domain')).toEqual([]);
  });

  it('keeps real domains on ambiguous TLDs when they have a subdomain', () => {
    expect(valuesOf('payloads at dl.attacker.zip today', 'domain')).toEqual(['dl.attacker.zip']);
  });

  it('reports the parts of a URL or an e-mail address only as that URL or address', () => {
    const result = extractIndicators('See http://10.0.0.1:8080/a and ops@corp.example.com');
    expect(result.indicators.map((indicator) => indicator.kind)).toEqual(['url', 'email']);
    expect(valuesOf('See http://10.0.0.1:8080/a.', 'url')).toEqual(['http://10.0.0.1:8080/a']);
  });

  it('trims prose punctuation and unbalanced brackets after URLs but keeps balanced ones', () => {
    expect(valuesOf('(see https://en.wikipedia.org/wiki/Foo_(bar)).', 'url')).toEqual(['https://en.wikipedia.org/wiki/Foo_(bar)']);
    expect(valuesOf('Visit "https://example.org/path?q=1".', 'url')).toEqual(['https://example.org/path?q=1']);
  });

  it('understands bracketed IPv6 hosts in URLs and canonicalises IPv6 addresses', () => {
    expect(valuesOf('GET http://[2001:DB8::1]:8443/x', 'url')).toEqual(['http://[2001:db8::1]:8443/x']);
    expect(valuesOf('peer fe80:0:0:0:0:0:0:1 and ::1', 'ipv6')).toEqual(['fe80::1', '::1']);
  });

  it('does not take clock times, MAC addresses or padding for indicators', () => {
    const text = 'At 12:30:45 the NIC 00:1a:2b:3c:4d:5e logged 00000000000000000000000000000000';
    const result = extractIndicators(text);
    expect(result.indicators).toEqual([]);
  });

  it('does not split longer hex runs into hashes', () => {
    const longHex = 'a'.repeat(10) + 'b1'.repeat(40);
    expect(extractIndicators(longHex).indicators).toEqual([]);
  });

  it('refangs hxxp, [:], [.] and [@] forms', () => {
    const result = extractIndicators('hxxp[:]//bad[.]example[.]org/x and mal[@]bad[.]example[.]org and 10[.]1[.]2[.]3');
    expect(result.indicators.map((indicator) => indicator.value)).toEqual([
      '10.1.2.3',
      'http://bad.example.org/x',
      'mal@bad.example.org',
    ]);
  });

  it('reports zero counts for absent kinds and nothing for plain prose', () => {
    expect(extractIndicators('Nothing to see here. Just words, e.g. this and that.')).toEqual({
      total: 0,
      counts: { ipv4: 0, ipv6: 0, domain: 0, url: 0, email: 0, md5: 0, sha1: 0, sha256: 0, cve: 0 },
      indicators: [],
    });
  });

  it('takes any well-formed host in a URL, but needs a real TLD for a bare domain', () => {
    expect(valuesOf('get hxxp://fileserver/drop.exe and hxxps://evil[.]example/gate', 'url')).toEqual([
      'http://fileserver/drop.exe',
      'https://evil.example/gate',
    ]);
    expect(valuesOf('evil.example and intranet.local', 'domain')).toEqual([]);
    expect(valuesOf('http://999.1.1.1/ http://-bad-.com/', 'url')).toEqual([]);
  });

  it('knows onion services', () => {
    expect(valuesOf('leak site: abcdefghij234567.onion', 'domain')).toEqual(['abcdefghij234567.onion']);
  });

  it('stops when its signal is aborted', () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    expect(() => extractIndicators('1.1.1.1', { signal: controller.signal })).toThrow('cancelled');
  });
});
