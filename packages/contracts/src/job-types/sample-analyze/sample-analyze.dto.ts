import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, registerDecorator } from 'class-validator';

export const SAMPLE_LIMITS = {
  /** Largest sample by default; SAMPLE_MAX_BYTES changes it (API and workers alike). */
  defaultMaxBytes: 10 * 1024 * 1024,
  blockSize: 4096,
  defaultMinStringLength: 4,
  defaultMaxStrings: 1000,
  maxStrings: 10_000,
  /** Longer strings are cut to this many characters (`truncated: true`). */
  maxStringCharacters: 1024,
} as const;

/** Padded standard base64 (RFC 4648 §4), whitespace-free. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The number of bytes a base64 text decodes to. */
export function decodedBase64Length(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

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

export class SampleAnalyzePayload {
  /** The file's bytes in standard, padded base64 (10 MiB at most by default; see SAMPLE_MAX_BYTES). */
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

export class FoundString {
  /** Byte offset of the string's first character. */
  offset: number;
  value: string;
}

export class SampleStrings {
  ascii: FoundString[];
  utf16le: FoundString[];
  /** How many were found of each, listed or not. */
  asciiTotal: number;
  utf16leTotal: number;
}

export class SampleFileType {
  /** `elf`, `pe`, `mach-o`, `pdf`, `zip`, `jar`, `office-openxml`, `gzip`, `png`, `jpeg`, `gif`, `script`, `text`, `empty` or `unknown`. */
  kind: string;
  description: string;
  mime: string;
}

export class ExecutableSection {
  name: string;
  /** Bytes in the file (ELF sh_size, PE SizeOfRawData). */
  size: number;
  /** Where it starts in the file. */
  offset: number;
  /** Where it is mapped: the virtual address (ELF) or relative virtual address (PE), in hex. */
  address: string;
}

export class ElfFacts {
  /** 32 or 64. */
  bits: number;
  endianness: 'little' | 'big';
  /** `EXEC`, `DYN`, `REL`, `CORE` or the number. */
  type: string;
  machine: string;
  /** Hex, e.g. `0x401000`. */
  entryPoint: string;
  sections: ExecutableSection[];
  /** What did not add up (a section table past the end of the file, say); the rest is still reported. */
  warnings: string[];
}

export class PeFacts {
  /** 32 (PE32) or 64 (PE32+). */
  bits: number;
  machine: string;
  /** DLL or executable. */
  isDll: boolean;
  subsystem: string;
  entryPoint: string;
  imageBase: string;
  /** When the linker says it built the file (COFF TimeDateStamp), ISO 8601. */
  timestamp: string;
  sections: ExecutableSection[];
  warnings: string[];
}

/** Everything but the strings and the per-block entropy. */
export class SampleReportCompact {
  filename: string | null;
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
  /** Shannon entropy of the whole sample, in bits per byte (0–8). */
  entropy: number;
  fileType: SampleFileType;
  elf: ElfFacts | null;
  pe: PeFacts | null;
}

export class SampleReport extends SampleReportCompact {
  blockSize: number;
  /** Entropy of each 4 KiB block, in order (the last one may be shorter). */
  blockEntropy: number[];
  strings: SampleStrings;
}
