import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { context, propagation, type TextMapPropagator, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  type Sampler,
  type SpanExporter,
  TraceIdRatioBasedSampler,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { type TracingSettings, tracingSettingsFrom, type VariableSource } from './tracing-settings.js';

/** How long a shutdown waits for the last spans to be exported. */
const SHUTDOWN_EXPORT_MS = 5_000;

/** Tracing as started in this process. */
export interface Tracing {
  /** False when no `OTEL_*` variable asks for traces: nothing was registered, every span is a no-op. */
  readonly enabled: boolean;
  /** Exports what is still buffered, waiting at most `SHUTDOWN_EXPORT_MS` (an unreachable collector must not hold up a shutdown); call it last. */
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry SDK for this process when the environment asks for traces: spans go
 * through a batch processor to the OTLP/HTTP exporter (and/or the console), context follows async
 * calls (AsyncLocalStorage), and W3C trace context is read from and written to headers. Without it,
 * the API's no-op implementations stay: creating a span then allocates one small object and records
 * nothing. `serviceName` is the default `service.name`; `OTEL_SERVICE_NAME` and
 * `OTEL_RESOURCE_ATTRIBUTES` win. Throws on invalid settings (the apps check them at boot first).
 */
export function startTracing(serviceName: string, source: VariableSource = process.env): Tracing {
  const { settings, problems } = tracingSettingsFrom(source);
  if (problems.length > 0) throw new Error(problems.map((problem) => `${problem.variable}: ${problem.message}`).join('; '));
  if (settings === null) return { enabled: false, shutdown: async () => {} };

  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': serviceName, 'host.name': hostname(), 'process.pid': process.pid }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new TracerProvider({
    resource,
    sampler: samplerOf(settings),
    spanProcessors: settings.exporters.map((exporter) => new BatchSpanProcessor({ exporter: exporterOf(exporter, settings), ...settings.batch })),
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: settings.propagators.map(propagatorOf) }));
  trace.setGlobalTracerProvider(provider);
  return {
    enabled: true,
    shutdown: () => Promise.race([provider.shutdown().catch(() => undefined), sleep(SHUTDOWN_EXPORT_MS)]).then(() => undefined),
  };
}

function exporterOf(exporter: TracingSettings['exporters'][number], settings: TracingSettings): SpanExporter {
  if (exporter === 'console') return new ConsoleSpanExporter();
  // Endpoint, headers, timeout and compression come from the exporter's own OTEL_EXPORTER_OTLP_* variables.
  return settings.protocol === 'http/json' ? new OtlpJsonExporter() : new OtlpProtobufExporter();
}

function samplerOf(settings: TracingSettings): Sampler {
  switch (settings.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(settings.samplerRatio);
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.samplerRatio) });
  }
}

function propagatorOf(name: TracingSettings['propagators'][number]): TextMapPropagator {
  return name === 'tracecontext' ? new W3CTraceContextPropagator() : new W3CBaggagePropagator();
}
