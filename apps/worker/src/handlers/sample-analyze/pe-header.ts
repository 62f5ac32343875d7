import type { ExecutableSection, PeFacts } from '@jobs/contracts';
import { BinaryReader, hex, OutOfBoundsError } from './binary-reader.js';

const PE_MACHINES: Readonly<Record<number, string>> = {
  0x0: 'unknown', 0x14c: 'i386', 0x166: 'MIPS', 0x1c0: 'ARM', 0x1c4: 'ARMv7 Thumb-2', 0x200: 'IA-64', 0x5064: 'RISC-V 64', 0x8664: 'AMD64', 0xaa64: 'ARM64',
};
const SUBSYSTEMS: Readonly<Record<number, string>> = {
  1: 'native', 2: 'windows-gui', 3: 'windows-console', 5: 'os2-console', 7: 'posix-console', 9: 'windows-ce-gui', 10: 'efi-application',
  11: 'efi-boot-service-driver', 12: 'efi-runtime-driver', 13: 'efi-rom', 14: 'xbox', 16: 'windows-boot-application',
};
const SECTION_HEADER_SIZE = 40;
/** The Windows loader refuses more; a header that claims more is read as far as the file allows, up to this. */
const MAX_SECTIONS = 96;

/**
 * The PE headers' facts (COFF and optional header, section table) of an MZ file, or null when it has
 * no PE signature (a plain DOS program). Offsets are checked against the sample; what does not add up
 * becomes a warning.
 */
export function readPe(data: Uint8Array): PeFacts | null {
  const pe = new BinaryReader(data, true);
  if (!pe.fits(0, 64) || pe.u16(0) !== 0x5a4d) return null;
  const signature = pe.u32(0x3c);
  if (!pe.fits(signature, 24) || pe.u32(signature) !== 0x00004550) return null;
  const coff = signature + 4;
  const facts: PeFacts = {
    bits: 0,
    machine: PE_MACHINES[pe.u16(coff)] ?? hex(pe.u16(coff)),
    isDll: (pe.u16(coff + 18) & 0x2000) !== 0,
    subsystem: 'unknown',
    entryPoint: '0x0',
    imageBase: '0x0',
    timestamp: new Date(pe.u32(coff + 4) * 1000).toISOString(),
    sections: [],
    warnings: [],
  };
  const claimedSections = pe.u16(coff + 2);
  const optionalSize = pe.u16(coff + 16);
  const optional = coff + 20;
  try {
    const magic = pe.u16(optional);
    if (magic === 0x10b || magic === 0x20b) {
      facts.bits = magic === 0x20b ? 64 : 32;
      facts.entryPoint = hex(pe.u32(optional + 16));
      facts.imageBase = hex(facts.bits === 64 ? pe.u64(optional + 24) : pe.u32(optional + 28));
      const subsystem = pe.u16(optional + 68);
      facts.subsystem = SUBSYSTEMS[subsystem] ?? String(subsystem);
    } else {
      facts.warnings.push(`unknown optional header magic ${hex(magic)}`);
    }
  } catch (error) {
    if (!(error instanceof OutOfBoundsError)) throw error;
    facts.warnings.push(`truncated optional header: ${error.message}`);
  }
  const table = optional + optionalSize;
  const fitting = Math.max(0, Math.floor((data.length - table) / SECTION_HEADER_SIZE));
  const readable = Math.min(claimedSections, fitting, MAX_SECTIONS);
  if (readable < claimedSections) facts.warnings.push(`the header claims ${claimedSections} sections, but only ${readable} can be read`);
  for (let index = 0; index < readable; index += 1) {
    const at = table + index * SECTION_HEADER_SIZE;
    facts.sections.push({
      name: pe.cString(at, 8),
      size: pe.u32(at + 16),
      offset: pe.u32(at + 20),
      address: hex(pe.u32(at + 12)),
    });
  }
  return facts;
}
