export { outgoingTraceHeaders, type ServerTracingOptions, traceServerRequests } from './http-spans.js';
export { inSpan, markFailed, setActiveSpanAttributes, type Span, type SpanOptions, startSpan, withSpanActive } from './spans.js';
export { startTracing, type Tracing } from './start-tracing.js';
export { activeTraceParent, traceIdOf, traceLogFields, traceParentContext } from './trace-parent.js';
export { type TracingSettings, tracingSettingsFrom } from './tracing-settings.js';
