import { describe, expect, it } from '@jest/globals';
import { tracingSettingsFrom } from './tracing-settings.js';

describe('tracingSettingsFrom', () => {
  it('is off without any OTEL_* variable, and says nothing is wrong', () => {
    expect(tracingSettingsFrom({})).toEqual({ settings: null, problems: [] });
  });

  it('is on with an OTLP endpoint, with the specification defaults', () => {
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).settings).toEqual({
      exporters: ['otlp'],
      protocol: 'http/protobuf',
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
      propagators: ['tracecontext', 'baggage'],
      batch: { scheduledDelayMillis: 5000, exportTimeoutMillis: 30000, maxQueueSize: 2048, maxExportBatchSize: 512 },
    });
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector/v1/traces' }).settings?.exporters).toEqual(['otlp']);
    expect(tracingSettingsFrom({ OTEL_TRACES_EXPORTER: 'console' }).settings?.exporters).toEqual(['console']);
  });

  it('reads the protocol, sampler, propagators and batch settings, the traces-specific variable first', () => {
    const { settings } = tracingSettingsFrom({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_PROPAGATORS: 'tracecontext',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    expect(settings).toMatchObject({ protocol: 'http/json', sampler: 'parentbased_traceidratio', samplerRatio: 0.25, propagators: ['tracecontext'] });
    expect(settings?.batch.scheduledDelayMillis).toBe(100);
  });

  it('is off when disabled or told to export nowhere, whatever else is set', () => {
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).settings).toBeNull();
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }).settings).toBeNull();
  });

  it('names each variable that is wrong, and then exports nothing', () => {
    const result = tracingSettingsFrom({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_TRACES_SAMPLER: 'sometimes',
      OTEL_TRACES_EXPORTER: 'zipkin',
      OTEL_PROPAGATORS: 'b3',
      OTEL_BSP_MAX_QUEUE_SIZE: '10',
      OTEL_BSP_SCHEDULE_DELAY: 'soon',
      OTEL_SDK_DISABLED: 'yes',
    });
    expect(result.settings).toBeNull();
    expect(result.problems.map((problem) => problem.variable).sort()).toEqual([
      'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
      'OTEL_BSP_SCHEDULE_DELAY',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_EXPORTER_OTLP_PROTOCOL',
      'OTEL_PROPAGATORS',
      'OTEL_SDK_DISABLED',
      'OTEL_TRACES_EXPORTER',
      'OTEL_TRACES_SAMPLER',
    ]);
    expect(result.problems.find((problem) => problem.variable === 'OTEL_EXPORTER_OTLP_PROTOCOL')?.message).toMatch(/grpc is not supported/);
  });

  it('refuses a ratio outside 0..1 for the ratio samplers only', () => {
    expect(tracingSettingsFrom({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '2' }).problems).toEqual([
      { variable: 'OTEL_TRACES_SAMPLER_ARG', message: 'must be a number from 0 to 1 (got "2")' },
    ]);
    expect(tracingSettingsFrom({ OTEL_TRACES_SAMPLER: 'always_on', OTEL_TRACES_SAMPLER_ARG: '2' }).problems).toEqual([]);
  });
});
