import type { SampleFileType } from '@jobs/contracts';

const startsWith = (data: Uint8Array, ...bytes: number[]): boolean => bytes.every((byte, index) => data[index] === byte);
const ascii = (data: Uint8Array, start: number, end: number): string => Buffer.from(data.subarray(start, end)).toString('latin1');

/** The names of the first entries of a ZIP archive, from their local file headers. */
function zipEntryNames(data: Uint8Array, most = 8): string[] {
  const names: string[] = [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let offset = 0;
  while (names.length < most && offset + 30 <= data.length && view.getUint32(offset, true) === 0x04034b50) {
    const compressed = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    if (offset + 30 + nameLength > data.length) break;
    names.push(ascii(data, offset + 30, offset + 30 + nameLength));
    // Entries written with a trailing data descriptor give no size here: stop rather than guess.
    if ((view.getUint16(offset + 6, true) & 0x08) !== 0) break;
    offset += 30 + nameLength + extraLength + compressed;
  }
  return names;
}

/** Mostly printable and valid UTF-8, with no NUL: text. */
function isText(data: Uint8Array): boolean {
  const head = data.subarray(0, 64 * 1024);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.length === data.length ? head : trimPartialCharacter(head));
  } catch {
    return false;
  }
  let control = 0;
  for (const byte of head) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control += 1;
  return control <= head.length / 100;
}

/** A prefix cut inside a UTF-8 sequence would fail to decode: drop the incomplete tail. */
function trimPartialCharacter(head: Uint8Array): Uint8Array {
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back += 1) {
    const byte = head[end - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte >= 0xc0) end -= back;
    break;
  }
  return head.subarray(0, end);
}

const type = (kind: string, description: string, mime: string): SampleFileType => ({ kind, description, mime });

/** The file type from its magic bytes (and, for ZIP, its first entries' names). */
export function detectFileType(data: Uint8Array): SampleFileType {
  if (data.length === 0) return type('empty', 'empty file', 'application/x-empty');
  if (startsWith(data, 0x7f, 0x45, 0x4c, 0x46)) return type('elf', 'ELF executable or object', 'application/x-elf');
  if (startsWith(data, 0x4d, 0x5a)) return type('pe', 'DOS/Windows executable (MZ)', 'application/vnd.microsoft.portable-executable');
  for (const magic of [[0xfe, 0xed, 0xfa, 0xce], [0xce, 0xfa, 0xed, 0xfe], [0xfe, 0xed, 0xfa, 0xcf], [0xcf, 0xfa, 0xed, 0xfe]]) {
    if (startsWith(data, ...magic)) return type('mach-o', 'Mach-O executable', 'application/x-mach-binary');
  }
  // 0xcafebabe is a fat Mach-O with a small architecture count, or a Java class file with a major version ≥ 45.
  if (startsWith(data, 0xca, 0xfe, 0xba, 0xbe) && data.length >= 8) {
    const second = ((data[4] ?? 0) << 24) | ((data[5] ?? 0) << 16) | ((data[6] ?? 0) << 8) | (data[7] ?? 0);
    return second > 0 && second < 45
      ? type('mach-o', 'Mach-O universal (fat) binary', 'application/x-mach-binary')
      : type('java-class', 'Java class file', 'application/java-vm');
  }
  if (ascii(data, 0, 5) === '%PDF-') return type('pdf', `PDF document, version ${ascii(data, 5, 8).trim()}`, 'application/pdf');
  if (startsWith(data, 0x50, 0x4b, 0x03, 0x04) || startsWith(data, 0x50, 0x4b, 0x05, 0x06)) {
    const names = zipEntryNames(data);
    if (names.includes('[Content_Types].xml')) return type('office-openxml', 'Office Open XML document (ZIP)', 'application/vnd.openxmlformats-officedocument');
    if (names.some((name) => name.startsWith('META-INF/'))) return type('jar', 'Java archive (ZIP)', 'application/java-archive');
    return type('zip', 'ZIP archive', 'application/zip');
  }
  if (startsWith(data, 0x1f, 0x8b)) return type('gzip', 'gzip compressed data', 'application/gzip');
  if (startsWith(data, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return type('png', 'PNG image', 'image/png');
  if (startsWith(data, 0xff, 0xd8, 0xff)) return type('jpeg', 'JPEG image', 'image/jpeg');
  if (ascii(data, 0, 6) === 'GIF87a' || ascii(data, 0, 6) === 'GIF89a') return type('gif', `GIF image (${ascii(data, 3, 6)})`, 'image/gif');
  if (startsWith(data, 0x23, 0x21)) {
    const line = ascii(data, 2, Math.min(data.length, 130)).split('\n')[0]?.trim() ?? '';
    const interpreter = line.split(/\s+/).map((word) => word.split('/').pop() ?? word).find((word) => word !== 'env' && !word.startsWith('-')) ?? 'unknown';
    return type('script', `${interpreter} script (#!${line})`, 'text/x-script');
  }
  if (isText(data)) return type('text', 'text (UTF-8 or ASCII)', 'text/plain');
  return type('unknown', 'data', 'application/octet-stream');
}
