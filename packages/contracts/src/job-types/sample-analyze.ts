/** The job type's name, and the type of the results it stores. */
export const SAMPLE_ANALYZE_JOB = { name: 'sample.analyze', resultType: 'sample-report' } as const;

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

/** The number of bytes a padded base64 text decodes to, without decoding it. */
export function decodedBase64Length(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** `sample.analyze`. */
export interface SampleAnalyzePayload {
  /** The file's bytes in standard, padded base64 (10 MiB at most by default; see SAMPLE_MAX_BYTES). */
  contentBase64: string;
  /** The file's name, for the report. */
  filename?: string;
  /** Shortest run of printable characters reported as a string. Default 4. */
  minStringLength?: number;
  /** Strings listed at most, ASCII and UTF-16LE each. Default 1000. */
  maxStrings?: number;
}

export interface FoundString {
  /** Byte offset of the string's first character. */
  offset: number;
  value: string;
}

export interface SampleStrings {
  ascii: FoundString[];
  utf16le: FoundString[];
  /** How many were found of each, listed or not. */
  asciiTotal: number;
  utf16leTotal: number;
}

export interface SampleFileType {
  /** `elf`, `pe`, `mach-o`, `pdf`, `zip`, `jar`, `office-openxml`, `gzip`, `png`, `jpeg`, `gif`, `script`, `text`, `empty` or `unknown`. */
  kind: string;
  description: string;
  mime: string;
}

export interface ExecutableSection {
  name: string;
  /** Bytes in the file (ELF sh_size, PE SizeOfRawData). */
  size: number;
  /** Where it starts in the file. */
  offset: number;
  /** Where it is mapped: the virtual address (ELF) or relative virtual address (PE), in hex. */
  address: string;
}

export interface ElfFacts {
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

export interface PeFacts {
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

/** `sample-report` results without the strings and the per-block entropy: their compact form. */
export interface SampleReportCompact {
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

/** `sample-report` results. */
export interface SampleReport extends SampleReportCompact {
  blockSize: number;
  /** Entropy of each 4 KiB block, in order (the last one may be shorter). */
  blockEntropy: number[];
  strings: SampleStrings;
}
