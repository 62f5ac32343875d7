import { SAMPLE_ANALYZE_JOB, SAMPLE_LIMITS, decodedBase64Length } from '@jobs/contracts';
import type * as wire from '@jobs/contracts';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, registerDecorator } from 'class-validator';
import { defineJobType } from '../job-type.js';
import { SampleReport, SampleReportCompact } from './sample-analyze-result.dto.js';

/** Padded standard base64 (RFC 4648 §4), whitespace-free. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const DECODES_TO_AT_MOST = 'decodesToAtMost';

/** The longest base64 text of at most `bytes` bytes. */
export function base64LengthOf(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** A base64 text that decodes to at most `maxBytes` bytes (the constraint, for the JSON Schema). */
function DecodesToAtMost(maxBytes: number): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: DECODES_TO_AT_MOST,
      target: target.constructor,
      propertyName: String(property),
      constraints: [maxBytes],
      validator: {
        // Text of no base64 length is left to the format rule.
        validate: (value: unknown) => typeof value !== 'string' || value.length % 4 !== 0 || decodedBase64Length(value) <= maxBytes,
        defaultMessage: (args) =>
          `${args?.property ?? String(property)} decodes to ${typeof args?.value === 'string' ? decodedBase64Length(args.value) : '?'} bytes; at most ${maxBytes} are accepted`,
      },
    });
}

/**
 * The payload class of a deployment with its own size limit: the limit is part of the contract, so
 * the API refuses an oversized sample at submission and a worker refuses it on arrival.
 */
export function samplePayloadWithLimit(maxBytes: number): new () => SampleAnalyzePayload {
  class LimitedSampleAnalyzePayload extends SampleAnalyzePayload {}
  // Named by its limit: JSON Schemas are gathered by class name.
  Object.defineProperty(LimitedSampleAnalyzePayload, 'name', { value: `SampleAnalyzePayloadUpTo${maxBytes}Bytes` });
  // A subclass's validators of a property replace the parent's, so all of them are declared again.
  for (const decorate of [...base64Content(), DecodesToAtMost(maxBytes)]) decorate(LimitedSampleAnalyzePayload.prototype, 'contentBase64');
  return LimitedSampleAnalyzePayload;
}

function base64Content(): PropertyDecorator[] {
  return [IsString(), Matches(BASE64, { message: 'contentBase64 must be standard padded base64 without line breaks' })];
}

/** The sample's bytes: a string of standard padded base64. */
function Base64Content(): PropertyDecorator {
  return (target, property) => base64Content().forEach((decorate) => decorate(target, property));
}

export class SampleAnalyzePayload implements wire.SampleAnalyzePayload {
  /** The file's bytes in standard, padded base64; the deployment's SAMPLE_MAX_BYTES bounds their size. */
  @Base64Content()
  contentBase64: string;

  /** The file's name, for the report. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;

  /** Shortest run of printable characters reported as a string. Default 4. */
  @IsOptional()
  @IsInt()
  @Min(3)
  @Max(64)
  minStringLength?: number;

  /** Strings listed at most, ASCII and UTF-16LE each. Default 1000. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SAMPLE_LIMITS.maxStrings)
  maxStrings?: number;
}

function defineSampleAnalyze(maxBytes: number) {
  return defineJobType({
    name: SAMPLE_ANALYZE_JOB.name,
    description:
      'Static analysis of a file: size, MD5/SHA-1/SHA-256, Shannon entropy overall and per 4 KiB block, file type by magic bytes, ' +
      `printable ASCII and UTF-16LE strings, ELF and PE header facts. Samples up to ${maxBytes} bytes.`,
    payload: samplePayloadWithLimit(maxBytes),
    resultType: SAMPLE_ANALYZE_JOB.resultType,
    result: SampleReport,
    defaults: { timeoutSeconds: 120, maxAttempts: 2, retryDelaySeconds: 2 },
    compact: {
      result: SampleReportCompact,
      of: ({ strings: _strings, blockEntropy: _blocks, blockSize: _size, ...rest }: SampleReport): SampleReportCompact => rest,
    },
  });
}

const sampleAnalyzeByLimit = new Map<number, ReturnType<typeof defineSampleAnalyze>>();

/**
 * `sample.analyze` for a deployment's largest sample (SAMPLE_MAX_BYTES): one definition (and one
 * payload class) per limit, so the catalog and the worker's handler share it.
 */
export function sampleAnalyzeJobType(maxBytes: number = SAMPLE_LIMITS.defaultMaxBytes): ReturnType<typeof defineSampleAnalyze> {
  const known = sampleAnalyzeByLimit.get(maxBytes) ?? defineSampleAnalyze(maxBytes);
  sampleAnalyzeByLimit.set(maxBytes, known);
  return known;
}

export const SAMPLE_ANALYZE = sampleAnalyzeJobType();
