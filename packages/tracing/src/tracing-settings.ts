/** The environment, as a process sees it. */
export type VariableSource = Record<string, string | undefined>;

export type TracesExporter = 'otlp' | 'console';
export type OtlpProtocol = 'http/protobuf' | 'http/json';
export type SamplerName = 'always_on' | 'always_off' | 'traceidratio' | 'parentbased_always_on' | 'parentbased_always_off' | 'parentbased_traceidratio';
export type PropagatorName = 'tracecontext' | 'baggage';

/** What tracing does in this process, from the standard `OTEL_*` variables. */
export interface TracingSettings {
  exporters: TracesExporter[];
  protocol: OtlpProtocol;
  sampler: SamplerName;
  /** The ratio of the `traceidratio` samplers. */
  samplerRatio: number;
  propagators: PropagatorName[];
  batch: { scheduledDelayMillis: number; exportTimeoutMillis: number; maxQueueSize: number; maxExportBatchSize: number };
}

export interface TracingSettingsResult {
  /** Null when nothing is to be exported: the OpenTelemetry API then stays a no-op. */
  settings: TracingSettings | null;
  problems: { variable: string; message: string }[];
}

const SAMPLERS: readonly SamplerName[] = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'];
const PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json'];
const ENDPOINTS = ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT'] as const;

/**
 * Reads the OpenTelemetry SDK's standard variables (the specification's names and defaults) that
 * concern traces. Tracing is on when an OTLP endpoint or `OTEL_TRACES_EXPORTER` is set — not merely
 * because the specification's default endpoint (localhost:4318) exists — and off with
 * `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`. The exporters read their own
 * `OTEL_EXPORTER_OTLP_*` endpoint, headers, timeout and compression; they are checked here so a
 * misconfiguration fails the boot rather than every export.
 */
export function tracingSettingsFrom(source: VariableSource): TracingSettingsResult {
  const problems: TracingSettingsResult['problems'] = [];
  const value = (variable: string) => {
    const text = source[variable]?.trim();
    return text === undefined || text === '' ? undefined : text;
  };
  const problem = (variable: string, message: string) => problems.push({ variable, message });

  const disabled = value('OTEL_SDK_DISABLED')?.toLowerCase();
  if (disabled !== undefined && disabled !== 'true' && disabled !== 'false') problem('OTEL_SDK_DISABLED', 'must be true or false');

  const exporterList = value('OTEL_TRACES_EXPORTER')?.toLowerCase().split(',').map((name) => name.trim()).filter(Boolean);
  const unknownExporters = (exporterList ?? []).filter((name) => !['otlp', 'console', 'none'].includes(name));
  if (unknownExporters.length > 0) problem('OTEL_TRACES_EXPORTER', `unsupported exporter ${unknownExporters.join(', ')}: use otlp, console or none`);
  const exporters = (exporterList ?? ['otlp']).filter((name): name is TracesExporter => name === 'otlp' || name === 'console');

  for (const variable of ENDPOINTS) {
    const endpoint = value(variable);
    if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint)) problem(variable, `must be an http:// or https:// URL (got "${endpoint}")`);
  }

  const protocolVariable = value('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') !== undefined ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const protocol = value(protocolVariable) ?? 'http/protobuf';
  if (protocol === 'grpc') problem(protocolVariable, 'grpc is not supported: use http/protobuf or http/json (OTLP over HTTP, usually port 4318)');
  else if (!PROTOCOLS.includes(protocol as OtlpProtocol)) problem(protocolVariable, `must be http/protobuf or http/json (got "${protocol}")`);

  for (const variable of ['OTEL_EXPORTER_OTLP_TRACES_COMPRESSION', 'OTEL_EXPORTER_OTLP_COMPRESSION']) {
    const compression = value(variable);
    if (compression !== undefined && compression !== 'gzip' && compression !== 'none') problem(variable, 'must be gzip or none');
  }

  const sampler = (value('OTEL_TRACES_SAMPLER') ?? 'parentbased_always_on') as SamplerName;
  if (!SAMPLERS.includes(sampler)) problem('OTEL_TRACES_SAMPLER', `must be one of ${SAMPLERS.join(', ')} (got "${sampler}")`);
  const ratioText = value('OTEL_TRACES_SAMPLER_ARG');
  const samplerRatio = ratioText === undefined ? 1 : Number(ratioText);
  if (sampler.endsWith('traceidratio') && !(samplerRatio >= 0 && samplerRatio <= 1)) problem('OTEL_TRACES_SAMPLER_ARG', `must be a number from 0 to 1 (got "${ratioText}")`);

  const propagatorList = (value('OTEL_PROPAGATORS') ?? 'tracecontext,baggage').split(',').map((name) => name.trim()).filter(Boolean);
  const unknownPropagators = propagatorList.filter((name) => !['tracecontext', 'baggage', 'none'].includes(name));
  if (unknownPropagators.length > 0) problem('OTEL_PROPAGATORS', `unsupported propagator ${unknownPropagators.join(', ')}: use tracecontext, baggage or none`);
  const propagators = propagatorList.filter((name): name is PropagatorName => name === 'tracecontext' || name === 'baggage');

  const integer = (variable: string, fallback: number, min: number) => {
    const text = value(variable);
    if (text === undefined) return fallback;
    const parsed = Number(text);
    if (!Number.isInteger(parsed) || parsed < min) problem(variable, `must be an integer of at least ${min} (got "${text}")`);
    return parsed;
  };
  integer('OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', 10_000, 1);
  integer('OTEL_EXPORTER_OTLP_TIMEOUT', 10_000, 1);
  const batch = {
    scheduledDelayMillis: integer('OTEL_BSP_SCHEDULE_DELAY', 5_000, 0),
    exportTimeoutMillis: integer('OTEL_BSP_EXPORT_TIMEOUT', 30_000, 1),
    maxQueueSize: integer('OTEL_BSP_MAX_QUEUE_SIZE', 2_048, 1),
    maxExportBatchSize: integer('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 512, 1),
  };
  if (batch.maxExportBatchSize > batch.maxQueueSize) problem('OTEL_BSP_MAX_EXPORT_BATCH_SIZE', `must not exceed OTEL_BSP_MAX_QUEUE_SIZE (${batch.maxQueueSize})`);

  const asked = exporterList !== undefined || ENDPOINTS.some((variable) => value(variable) !== undefined);
  const enabled = asked && disabled !== 'true' && exporters.length > 0;
  return {
    settings: enabled && problems.length === 0 ? { exporters, protocol: protocol as OtlpProtocol, sampler, samplerRatio, propagators, batch } : null,
    problems,
  };
}
