import {
  type Attributes,
  type AttributeValue,
  checkedId,
  integerValue,
  kindName,
  nanosToMs,
  OtlpFormatError,
  parentId,
  type ReceivedEvent,
  type ReceivedLink,
  type ReceivedSpan,
  serviceNameOf,
  statusName,
} from './received-span.js';

/*
 * ExportTraceServiceRequest in OTLP's JSON encoding (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding):
 * protobuf's JSON mapping, except that trace and span ids are hex strings and enums are integers.
 * Field names are lowerCamelCase; the proto's own snake_case names are accepted too, as the mapping requires.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field by its JSON name or its proto name. */
function member(object: Json, camel: string): unknown {
  return object[camel] ?? object[camel.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)];
}

function objects(object: Json, name: string): Json[] {
  const value = member(object, name);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every(isObject)) throw new OtlpFormatError(`${name} must be an array of objects`);
  return value;
}

function object(parent: Json, name: string): Json {
  const value = member(parent, name);
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new OtlpFormatError(`${name} must be an object`);
  return value;
}

function string(object: Json, name: string): string {
  const value = member(object, name) ?? '';
  if (typeof value !== 'string') throw new OtlpFormatError(`${name} must be a string`);
  return value;
}

/** An enum: an integer (OTLP forbids the names in JSON). */
function enumValue(object: Json, name: string): number {
  const value = member(object, name) ?? 0;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new OtlpFormatError(`${name} must be an integer, got ${JSON.stringify(value)}`);
  return value;
}

/** A 64-bit integer: a decimal string, or a number. */
function int64(value: unknown, name: string): bigint {
  if ((typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && /^-?\d+$/.test(value))) return BigInt(value);
  throw new OtlpFormatError(`${name} must be an integer or its decimal string, got ${JSON.stringify(value)}`);
}

const time = (object: Json, name: string): number => nanosToMs(int64(member(object, name) ?? '0', name));

function anyValue(value: Json): AttributeValue {
  if ('stringValue' in value) return string(value, 'stringValue');
  if ('boolValue' in value) return value['boolValue'] === true;
  if ('intValue' in value) return integerValue(int64(value['intValue'], 'intValue'));
  if ('doubleValue' in value) return Number(value['doubleValue']);
  if ('arrayValue' in value) return objects(object(value, 'arrayValue'), 'values').map(anyValue);
  if ('kvlistValue' in value) return keyValues(objects(object(value, 'kvlistValue'), 'values'));
  if ('bytesValue' in value) return Buffer.from(string(value, 'bytesValue'), 'base64').toString('hex');
  return null;
}

function keyValues(list: Json[]): Attributes {
  return Object.fromEntries(list.map((pair) => [string(pair, 'key'), anyValue(object(pair, 'value'))]));
}

const eventOf = (event: Json): ReceivedEvent => ({
  name: string(event, 'name'),
  timeUnixMs: time(event, 'timeUnixNano'),
  attributes: keyValues(objects(event, 'attributes')),
});

const linkOf = (link: Json): ReceivedLink => ({
  traceId: checkedId(string(link, 'traceId'), 16, 'link traceId'),
  spanId: checkedId(string(link, 'spanId'), 8, 'link spanId'),
  traceState: string(link, 'traceState'),
  attributes: keyValues(objects(link, 'attributes')),
});

function spanOf(span: Json, context: Pick<ReceivedSpan, 'serviceName' | 'resource' | 'scope'>): ReceivedSpan {
  const status = object(span, 'status');
  return {
    traceId: checkedId(string(span, 'traceId'), 16, 'traceId'),
    spanId: checkedId(string(span, 'spanId'), 8, 'spanId'),
    parentSpanId: parentId(string(span, 'parentSpanId')),
    traceState: string(span, 'traceState'),
    name: string(span, 'name'),
    kind: kindName(enumValue(span, 'kind')),
    startUnixMs: time(span, 'startTimeUnixNano'),
    endUnixMs: time(span, 'endTimeUnixNano'),
    attributes: keyValues(objects(span, 'attributes')),
    events: objects(span, 'events').map(eventOf),
    links: objects(span, 'links').map(linkOf),
    status: { code: statusName(enumValue(status, 'code')), message: string(status, 'message') },
    ...context,
    encoding: 'json',
  };
}

export function decodeJsonTraces(body: string): ReceivedSpan[] {
  let request: unknown;
  try {
    request = JSON.parse(body);
  } catch (error) {
    throw new OtlpFormatError(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(request)) throw new OtlpFormatError('the request must be a JSON object');
  return objects(request, 'resourceSpans').flatMap((resourceSpans) => {
    const resource = keyValues(objects(object(resourceSpans, 'resource'), 'attributes'));
    return objects(resourceSpans, 'scopeSpans').flatMap((scopeSpans) => {
      const scope = object(scopeSpans, 'scope');
      const context = { serviceName: serviceNameOf(resource), resource, scope: { name: string(scope, 'name'), version: string(scope, 'version') } };
      return objects(scopeSpans, 'spans').map((span) => spanOf(span, context));
    });
  });
}
