import type { ElfFacts, ExecutableSection } from '@jobs/contracts';
import { BinaryReader, hex, OutOfBoundsError, toSafeNumber } from './binary-reader.js';

const ELF_TYPES: Readonly<Record<number, string>> = { 0: 'NONE', 1: 'REL', 2: 'EXEC', 3: 'DYN', 4: 'CORE' };
const ELF_MACHINES: Readonly<Record<number, string>> = {
  0: 'none', 2: 'SPARC', 3: 'x86', 8: 'MIPS', 20: 'PowerPC', 21: 'PowerPC64', 22: 'S/390', 40: 'ARM', 43: 'SPARC V9', 50: 'IA-64',
  62: 'x86-64', 183: 'AArch64', 243: 'RISC-V', 258: 'LoongArch',
};

/** Sections listed at most; a header that claims more is reported as far as this. */
const MAX_SECTIONS = 4096;

/**
 * The ELF header's facts and its section table, read defensively: every offset is checked against
 * the sample, and what does not add up becomes a warning instead of an error.
 */
export function readElf(data: Uint8Array): ElfFacts | null {
  if (data.length < 16 || data[0] !== 0x7f || data[1] !== 0x45 || data[2] !== 0x4c || data[3] !== 0x46) return null;
  const bits = data[4] === 2 ? 64 : data[4] === 1 ? 32 : 0;
  const endianness = data[5] === 2 ? 'big' : 'little';
  const facts: ElfFacts = { bits, endianness, type: 'unknown', machine: 'unknown', entryPoint: '0x0', sections: [], warnings: [] };
  if (bits === 0) {
    facts.warnings.push(`unknown ELF class ${data[4]}`);
    return facts;
  }
  if (data[5] !== 1 && data[5] !== 2) facts.warnings.push(`unknown byte order ${data[5]}; read as little-endian`);
  const elf = new BinaryReader(data, endianness === 'little');
  const wide = bits === 64;
  try {
    const type = elf.u16(16);
    const machine = elf.u16(18);
    facts.type = ELF_TYPES[type] ?? String(type);
    facts.machine = ELF_MACHINES[machine] ?? `machine ${machine}`;
    facts.entryPoint = hex(wide ? elf.u64(24) : elf.u32(24));
    const sectionTable = wide ? toSafeNumber(elf.u64(40)) : elf.u32(32);
    const entrySize = elf.u16(wide ? 58 : 46);
    const count = elf.u16(wide ? 60 : 48);
    const namesIndex = elf.u16(wide ? 62 : 50);
    facts.sections = readSections(elf, { sectionTable, entrySize, count, namesIndex, wide }, facts.warnings);
  } catch (error) {
    if (!(error instanceof OutOfBoundsError)) throw error;
    facts.warnings.push(`truncated ELF header: ${error.message}`);
  }
  return facts;
}

interface SectionTable {
  sectionTable: number;
  entrySize: number;
  count: number;
  namesIndex: number;
  wide: boolean;
}

function readSections(elf: BinaryReader, table: SectionTable, warnings: string[]): ExecutableSection[] {
  if (table.sectionTable === 0 || table.count === 0) return [];
  const minimum = table.wide ? 64 : 40;
  if (table.entrySize < minimum) {
    warnings.push(`section header size ${table.entrySize} is below the ${minimum} bytes an entry needs`);
    return [];
  }
  const fitting = Math.max(0, Math.floor((elf.length - table.sectionTable) / table.entrySize));
  const readable = Math.min(table.count, fitting, MAX_SECTIONS);
  if (readable < table.count) {
    warnings.push(`the header claims ${table.count} sections at offset ${table.sectionTable}, but only ${readable} fit in the file`);
    if (readable === 0) return [];
  }
  const header = (index: number): { name: number; offset: number; size: number; address: bigint | number } => {
    const at = table.sectionTable + index * table.entrySize;
    return table.wide
      ? { name: elf.u32(at), address: elf.u64(at + 16), offset: toSafeNumber(elf.u64(at + 24)), size: toSafeNumber(elf.u64(at + 32)) }
      : { name: elf.u32(at), address: elf.u32(at + 12), offset: elf.u32(at + 16), size: elf.u32(at + 20) };
  };
  let names: { offset: number; size: number } | null = null;
  if (table.namesIndex < readable) names = header(table.namesIndex);
  else warnings.push(`the section name table index ${table.namesIndex} is not among the sections`);
  const sections: ExecutableSection[] = [];
  for (let index = 0; index < readable; index += 1) {
    const section = header(index);
    const name = names && section.name < names.size ? elf.cString(names.offset + section.name) : '';
    sections.push({ name, size: section.size, offset: section.offset, address: hex(section.address) });
  }
  return sections;
}
