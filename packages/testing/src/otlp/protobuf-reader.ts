/**
 * The protobuf wire format, read field by field: enough to decode the OTLP messages a test receives
 * without generated code (https://protobuf.dev/programming-guides/encoding/). Groups (wire types 3
 * and 4) are long deprecated and OTLP has none: they are refused.
 */
export type ProtobufField =
  | { number: number; wire: 'varint'; value: bigint }
  | { number: number; wire: 'fixed64'; bytes: Uint8Array }
  | { number: number; wire: 'bytes'; bytes: Uint8Array }
  | { number: number; wire: 'fixed32'; bytes: Uint8Array };

export class ProtobufError extends Error {}

/** The fields of one message, in the order they were written (repeated fields appear once per element). */
export function* protobufFields(buffer: Uint8Array): Generator<ProtobufField> {
  let offset = 0;
  const varint = (): bigint => {
    let value = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (offset >= buffer.length) throw new ProtobufError('truncated varint');
      const byte = buffer[offset++] ?? 0;
      value |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, value);
    }
    throw new ProtobufError('varint longer than 10 bytes');
  };
  const take = (length: number): Uint8Array => {
    if (offset + length > buffer.length) throw new ProtobufError(`field of ${length} bytes runs past the message's end`);
    const bytes = buffer.subarray(offset, offset + length);
    offset += length;
    return bytes;
  };
  while (offset < buffer.length) {
    const key = varint();
    const number = Number(key >> 3n);
    if (number === 0) throw new ProtobufError('field number 0');
    switch (Number(key & 7n)) {
      case 0:
        yield { number, wire: 'varint', value: varint() };
        break;
      case 1:
        yield { number, wire: 'fixed64', bytes: take(8) };
        break;
      case 2:
        yield { number, wire: 'bytes', bytes: take(Number(varint())) };
        break;
      case 5:
        yield { number, wire: 'fixed32', bytes: take(4) };
        break;
      default:
        throw new ProtobufError(`unsupported wire type ${key & 7n} (field ${number})`);
    }
  }
}

const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A field's value as the type its schema declares; a field on another wire type than the schema's is an error. */
export const fieldValue = {
  bytes(field: ProtobufField): Uint8Array {
    if (field.wire !== 'bytes') throw new ProtobufError(`field ${field.number}: expected a length-delimited value, got ${field.wire}`);
    return field.bytes;
  },
  string(field: ProtobufField): string {
    return new TextDecoder('utf-8', { fatal: true }).decode(fieldValue.bytes(field));
  },
  hex(field: ProtobufField): string {
    return Buffer.from(fieldValue.bytes(field)).toString('hex');
  },
  uint64(field: ProtobufField): bigint {
    if (field.wire !== 'varint') throw new ProtobufError(`field ${field.number}: expected a varint, got ${field.wire}`);
    return field.value;
  },
  /** int64 and enums: two's complement over 64 bits. */
  int64(field: ProtobufField): bigint {
    return BigInt.asIntN(64, fieldValue.uint64(field));
  },
  bool(field: ProtobufField): boolean {
    return fieldValue.uint64(field) !== 0n;
  },
  fixed64(field: ProtobufField): bigint {
    if (field.wire !== 'fixed64') throw new ProtobufError(`field ${field.number}: expected fixed64, got ${field.wire}`);
    return view(field.bytes).getBigUint64(0, true);
  },
  double(field: ProtobufField): number {
    if (field.wire !== 'fixed64') throw new ProtobufError(`field ${field.number}: expected a double, got ${field.wire}`);
    return view(field.bytes).getFloat64(0, true);
  },
  fixed32(field: ProtobufField): number {
    if (field.wire !== 'fixed32') throw new ProtobufError(`field ${field.number}: expected fixed32, got ${field.wire}`);
    return view(field.bytes).getUint32(0, true);
  },
};
