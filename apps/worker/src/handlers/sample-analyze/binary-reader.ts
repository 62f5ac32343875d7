/** A read past the end of the sample: the header lies about where its parts are. */
export class OutOfBoundsError extends Error {}

/** Bounds-checked integer reads of one byte order; every read past the end throws OutOfBoundsError. */
export class BinaryReader {
  private readonly view: DataView;

  constructor(
    readonly data: Uint8Array,
    private readonly littleEndian: boolean,
  ) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }

  get length(): number {
    return this.data.length;
  }

  fits(offset: number, size: number): boolean {
    return Number.isSafeInteger(offset) && offset >= 0 && size >= 0 && offset + size <= this.data.length;
  }

  u8(offset: number): number {
    this.check(offset, 1);
    return this.view.getUint8(offset);
  }

  u16(offset: number): number {
    this.check(offset, 2);
    return this.view.getUint16(offset, this.littleEndian);
  }

  u32(offset: number): number {
    this.check(offset, 4);
    return this.view.getUint32(offset, this.littleEndian);
  }

  u64(offset: number): bigint {
    this.check(offset, 8);
    return this.view.getBigUint64(offset, this.littleEndian);
  }

  /** A NUL-terminated Latin-1 string of at most `maxLength` bytes, or '' when it starts out of bounds. */
  cString(offset: number, maxLength = 256): string {
    if (!this.fits(offset, 1)) return '';
    const end = Math.min(this.data.length, offset + maxLength);
    const zero = this.data.subarray(offset, end).indexOf(0);
    return Buffer.from(this.data.subarray(offset, zero === -1 ? end : offset + zero)).toString('latin1');
  }

  private check(offset: number, size: number): void {
    if (!this.fits(offset, size)) throw new OutOfBoundsError(`${size} bytes at ${offset} lie outside the ${this.data.length}-byte sample`);
  }
}

export const hex = (value: number | bigint): string => `0x${value.toString(16)}`;

/** A u64 as a number where it is exact, for sizes and offsets. */
export function toSafeNumber(value: bigint): number {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.MAX_SAFE_INTEGER;
}
