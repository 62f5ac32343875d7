/** An HMAC key from Web Crypto; opaque here. */
export interface HmacKey {
  readonly type: string;
}

/** The part of Web Crypto's `SubtleCrypto` that HMAC-SHA256 signing and verifying needs. */
interface HmacSubtleCrypto {
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { name: 'HMAC'; hash: 'SHA-256' },
    extractable: false,
    keyUsages: ReadonlyArray<'sign' | 'verify'>,
  ): Promise<HmacKey>;
  sign(algorithm: 'HMAC', key: HmacKey, data: Uint8Array): Promise<ArrayBuffer>;
  verify(algorithm: 'HMAC', key: HmacKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

interface WebPlatform {
  readonly crypto: { readonly subtle: HmacSubtleCrypto };
  readonly TextEncoder: new () => { encode(text: string): Uint8Array };
  btoa(binary: string): string;
  atob(base64: string): string;
}

/**
 * The globals browsers and Node (18 and later) both provide that this package uses. They are typed
 * here because the package compiles with neither the DOM's nor Node's typings: that is what keeps a
 * platform-specific API from slipping in.
 */
export const web = globalThis as unknown as WebPlatform;
