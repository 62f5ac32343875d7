import type * as wire from '@jobs/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../../common/api-schema.js';

export class FoundString implements wire.FoundString {
  /** Byte offset of the string's first character. */
  @ApiInteger({ minimum: 0 })
  offset: number;
  /** Cut to 1,024 characters when longer. */
  value: string;
}

export class SampleStrings implements wire.SampleStrings {
  ascii: FoundString[];
  utf16le: FoundString[];
  /** How many ASCII strings were found, listed or not. */
  @ApiInteger({ minimum: 0 })
  asciiTotal: number;
  /** How many UTF-16LE strings were found, listed or not. */
  @ApiInteger({ minimum: 0 })
  utf16leTotal: number;
}

export class SampleFileType implements wire.SampleFileType {
  /** `elf`, `pe`, `mach-o`, `pdf`, `zip`, `jar`, `office-openxml`, `gzip`, `png`, `jpeg`, `gif`, `script`, `text`, `empty` or `unknown`. */
  kind: string;
  description: string;
  mime: string;
}

export class ExecutableSection implements wire.ExecutableSection {
  name: string;
  /** Bytes in the file (ELF sh_size, PE SizeOfRawData). */
  @ApiInteger({ minimum: 0 })
  size: number;
  /** Where it starts in the file. */
  @ApiInteger({ minimum: 0 })
  offset: number;
  /** Where it is mapped: the virtual address (ELF) or relative virtual address (PE), in hex. */
  address: string;
}

export class ElfFacts implements wire.ElfFacts {
  /** 32 or 64; 0 when the header names neither. */
  @ApiProperty({ enum: [0, 32, 64], type: 'integer' })
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

export class PeFacts implements wire.PeFacts {
  /** 32 (PE32) or 64 (PE32+); 0 when the optional header is missing. */
  @ApiProperty({ enum: [0, 32, 64], type: 'integer' })
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
export class SampleReportCompact implements wire.SampleReportCompact {
  filename: string | null;
  @ApiInteger({ minimum: 0 })
  size: number;
  md5: string;
  sha1: string;
  sha256: string;
  /** Shannon entropy of the whole sample, in bits per byte (0–8). */
  @ApiProperty({ minimum: 0, maximum: 8 })
  entropy: number;
  fileType: SampleFileType;
  elf: ElfFacts | null;
  pe: PeFacts | null;
}

/** `sample-report` results. */
export class SampleReport extends SampleReportCompact implements wire.SampleReport {
  @ApiInteger({ minimum: 1 })
  blockSize: number;
  /** Entropy of each 4 KiB block, in order (the last one may be shorter). */
  blockEntropy: number[];
  strings: SampleStrings;
}
