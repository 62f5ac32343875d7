import { fieldValue, protobufFields } from './protobuf-reader.js';
import {
  type Attributes,
  type AttributeValue,
  checkedId,
  integerValue,
  kindName,
  nanosToMs,
  parentId,
  type ReceivedEvent,
  type ReceivedLink,
  type ReceivedSpan,
  serviceNameOf,
  statusName,
} from './received-span.js';

/*
 * ExportTraceServiceRequest in protobuf, by the field numbers of opentelemetry-proto's
 * collector/trace/v1/trace_service.proto, trace/v1/trace.proto, resource/v1/resource.proto and
 * common/v1/common.proto. Fields not listed (dropped counts, schema URLs, flags) are skipped.
 */

/** AnyValue: string_value 1, bool_value 2, int_value 3, double_value 4, array_value 5, kvlist_value 6, bytes_value 7. */
function anyValue(bytes: Uint8Array): AttributeValue {
  let value: AttributeValue = null;
  for (const field of protobufFields(bytes)) {
    switch (field.number) {
      case 1: value = fieldValue.string(field); break;
      case 2: value = fieldValue.bool(field); break;
      case 3: value = integerValue(fieldValue.int64(field)); break;
      case 4: value = fieldValue.double(field); break;
      // ArrayValue: values 1 (AnyValue). KeyValueList: values 1 (KeyValue).
      case 5: value = [...protobufFields(fieldValue.bytes(field))].filter((item) => item.number === 1).map((item) => anyValue(fieldValue.bytes(item))); break;
      case 6: value = keyValues([...protobufFields(fieldValue.bytes(field))].filter((item) => item.number === 1).map((item) => fieldValue.bytes(item))); break;
      case 7: value = fieldValue.hex(field); break;
    }
  }
  return value;
}

/** KeyValue: key 1, value 2. */
function keyValues(messages: Uint8Array[]): Attributes {
  const attributes: Attributes = {};
  for (const message of messages) {
    let key = '';
    let value: AttributeValue = null;
    for (const field of protobufFields(message)) {
      if (field.number === 1) key = fieldValue.string(field);
      if (field.number === 2) value = anyValue(fieldValue.bytes(field));
    }
    attributes[key] = value;
  }
  return attributes;
}

/** The messages of a repeated field `number`. */
const repeated = (bytes: Uint8Array, number: number): Uint8Array[] =>
  [...protobufFields(bytes)].filter((field) => field.number === number).map((field) => fieldValue.bytes(field));

/** Resource: attributes 1. InstrumentationScope: name 1, version 2. */
function scopeOf(bytes: Uint8Array): { name: string; version: string } {
  const scope = { name: '', version: '' };
  for (const field of protobufFields(bytes)) {
    if (field.number === 1) scope.name = fieldValue.string(field);
    if (field.number === 2) scope.version = fieldValue.string(field);
  }
  return scope;
}

/** Span.Event: time_unix_nano 1, name 2, attributes 3. */
function eventOf(bytes: Uint8Array): ReceivedEvent {
  const event: ReceivedEvent = { name: '', timeUnixMs: 0, attributes: {} };
  for (const field of protobufFields(bytes)) {
    if (field.number === 1) event.timeUnixMs = nanosToMs(fieldValue.fixed64(field));
    if (field.number === 2) event.name = fieldValue.string(field);
  }
  event.attributes = keyValues(repeated(bytes, 3));
  return event;
}

/** Span.Link: trace_id 1, span_id 2, trace_state 3, attributes 4. */
function linkOf(bytes: Uint8Array): ReceivedLink {
  const link: ReceivedLink = { traceId: '', spanId: '', traceState: '', attributes: keyValues(repeated(bytes, 4)) };
  for (const field of protobufFields(bytes)) {
    if (field.number === 1) link.traceId = fieldValue.hex(field);
    if (field.number === 2) link.spanId = fieldValue.hex(field);
    if (field.number === 3) link.traceState = fieldValue.string(field);
  }
  return { ...link, traceId: checkedId(link.traceId, 16, 'link traceId'), spanId: checkedId(link.spanId, 8, 'link spanId') };
}

/** Status: message 2, code 3. */
function statusOf(bytes: Uint8Array): ReceivedSpan['status'] {
  const status: ReceivedSpan['status'] = { code: 'UNSET', message: '' };
  for (const field of protobufFields(bytes)) {
    if (field.number === 2) status.message = fieldValue.string(field);
    if (field.number === 3) status.code = statusName(Number(fieldValue.int64(field)));
  }
  return status;
}

type Context = Pick<ReceivedSpan, 'serviceName' | 'resource' | 'scope'>;

/**
 * Span: trace_id 1, span_id 2, trace_state 3, parent_span_id 4, name 5, kind 6, start_time_unix_nano 7,
 * end_time_unix_nano 8, attributes 9, events 11, links 13, status 15.
 */
function spanOf(bytes: Uint8Array, context: Context): ReceivedSpan {
  let traceId = '';
  let spanId = '';
  let parent = '';
  const span: ReceivedSpan = {
    traceId: '', spanId: '', parentSpanId: null, traceState: '', name: '', kind: 'UNSPECIFIED', startUnixMs: 0, endUnixMs: 0,
    attributes: keyValues(repeated(bytes, 9)), events: repeated(bytes, 11).map(eventOf), links: repeated(bytes, 13).map(linkOf),
    status: { code: 'UNSET', message: '' }, ...context, encoding: 'protobuf',
  };
  for (const field of protobufFields(bytes)) {
    switch (field.number) {
      case 1: traceId = fieldValue.hex(field); break;
      case 2: spanId = fieldValue.hex(field); break;
      case 3: span.traceState = fieldValue.string(field); break;
      case 4: parent = fieldValue.hex(field); break;
      case 5: span.name = fieldValue.string(field); break;
      case 6: span.kind = kindName(Number(fieldValue.int64(field))); break;
      case 7: span.startUnixMs = nanosToMs(fieldValue.fixed64(field)); break;
      case 8: span.endUnixMs = nanosToMs(fieldValue.fixed64(field)); break;
      case 15: span.status = statusOf(fieldValue.bytes(field)); break;
    }
  }
  return { ...span, traceId: checkedId(traceId, 16, 'traceId'), spanId: checkedId(spanId, 8, 'spanId'), parentSpanId: parentId(parent) };
}

/**
 * ExportTraceServiceRequest: resource_spans 1. ResourceSpans: resource 1, scope_spans 2.
 * ScopeSpans: scope 1, spans 2.
 */
export function decodeProtobufTraces(body: Uint8Array): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of repeated(body, 1)) {
    const resource = keyValues(repeated(repeated(resourceSpans, 1)[0] ?? new Uint8Array(), 1));
    for (const scopeSpans of repeated(resourceSpans, 2)) {
      const scope = scopeOf(repeated(scopeSpans, 1)[0] ?? new Uint8Array());
      for (const span of repeated(scopeSpans, 2)) spans.push(spanOf(span, { serviceName: serviceNameOf(resource), resource, scope }));
    }
  }
  return spans;
}
