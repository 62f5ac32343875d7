/** What an OTLP receiver hands a test: each span with its resource and scope, in plain values. */

/** An attribute's value: OTLP's AnyValue (int64 as a number, or as a decimal string past 2^53; bytes as hex). */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };
export type Attributes = Record<string, AttributeValue>;

/** `Span.SpanKind` of trace.proto, by name. */
export const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];

/** `Status.StatusCode` of trace.proto, by name. */
export const STATUS_CODES = ['UNSET', 'OK', 'ERROR'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** How the span's export request arrived. */
export type OtlpEncoding = 'json' | 'protobuf';

export interface ReceivedLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: Attributes;
}

export interface ReceivedEvent {
  name: string;
  timeUnixMs: number;
  attributes: Attributes;
}

export interface ReceivedSpan {
  /** 32 lowercase hex digits. */
  traceId: string;
  /** 16 lowercase hex digits. */
  spanId: string;
  /** null for a root span. */
  parentSpanId: string | null;
  traceState: string;
  name: string;
  kind: SpanKind;
  /** Milliseconds since the epoch (the wire's nanoseconds, to a fraction of a microsecond). */
  startUnixMs: number;
  endUnixMs: number;
  attributes: Attributes;
  events: ReceivedEvent[];
  links: ReceivedLink[];
  status: { code: StatusCode; message: string };
  /** The resource's `service.name`, null when it has none. */
  serviceName: string | null;
  resource: Attributes;
  scope: { name: string; version: string };
  encoding: OtlpEncoding;
}

export class OtlpFormatError extends Error {}

const ZERO = /^0+$/;

/** A trace or span id as lowercase hex of `bytes` bytes; OTLP forbids all-zero ids. */
export function checkedId(hex: string, bytes: 16 | 8, what: string): string {
  const id = hex.toLowerCase();
  if (!new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(id)) throw new OtlpFormatError(`${what} ${JSON.stringify(hex)} is not ${bytes} bytes of hex`);
  if (ZERO.test(id)) throw new OtlpFormatError(`${what} is all zeros`);
  return id;
}

/** An optional parent span id: empty means none. */
export function parentId(hex: string): string | null {
  return hex === '' ? null : checkedId(hex, 8, 'parentSpanId');
}

export function kindName(kind: number): SpanKind {
  const name = SPAN_KINDS[kind];
  if (!name) throw new OtlpFormatError(`unknown span kind ${kind}`);
  return name;
}

export function statusName(code: number): StatusCode {
  const name = STATUS_CODES[code];
  if (!name) throw new OtlpFormatError(`unknown status code ${code}`);
  return name;
}

/** An int64 as a number where that is exact, otherwise its decimal digits. */
export function integerValue(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** Nanoseconds since the epoch (fixed64 on the wire, a decimal string in JSON) as milliseconds. */
export function nanosToMs(nanos: bigint): number {
  return Number(nanos / 1000n) / 1000;
}

export function serviceNameOf(resource: Attributes): string | null {
  const name = resource['service.name'];
  return typeof name === 'string' ? name : null;
}
