import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { analyzeSample } from './analyze-sample.js';
import { readElf } from './elf-header.js';
import { detectFileType } from './file-type.js';
import { readPe } from './pe-header.js';
import { StringScanner } from './printable-strings.js';

const OPTIONS = { minStringLength: 4, maxStrings: 1000 };
const digestOf = (tool: string, path: string): string => execFileSync(tool, [path], { encoding: 'utf8' }).split(' ')[0] ?? '';

/** Section names and sizes as binutils' readelf lists them. */
function readelfSections(path: string): Array<{ name: string; size: number }> {
  const output = execFileSync('readelf', ['-S', '-W', path], { encoding: 'utf8' });
  return [...output.matchAll(/^\s*\[\s*(\d+)\]\s+(\S*)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)/gm)].map((match) => ({
    name: match[2] === 'NULL' ? '' : (match[2] ?? ''),
    size: Number.parseInt(match[3] ?? '0', 16),
  }));
}

/** A minimal PE32+ image: DOS header, PE signature, COFF header, optional header and two section headers. */
function craftPe(options: { sections?: number; sectionHeaders?: number } = {}): Buffer {
  const optionalSize = 240;
  const headers = options.sectionHeaders ?? 2;
  const image = Buffer.alloc(0x80 + 24 + optionalSize + headers * 40 + 64);
  image.write('MZ', 0, 'latin1');
  image.writeUInt32LE(0x80, 0x3c);
  image.write('PE\0\0', 0x80, 'latin1');
  const coff = 0x84;
  image.writeUInt16LE(0x8664, coff);
  image.writeUInt16LE(options.sections ?? 2, coff + 2);
  image.writeUInt32LE(1_700_000_000, coff + 4);
  image.writeUInt16LE(optionalSize, coff + 16);
  image.writeUInt16LE(0x2022, coff + 18);
  const optional = coff + 20;
  image.writeUInt16LE(0x20b, optional);
  image.writeUInt32LE(0x1234, optional + 16);
  image.writeBigUInt64LE(0x140000000n, optional + 24);
  image.writeUInt16LE(3, optional + 68);
  const table = optional + optionalSize;
  for (const [index, [name, size, offset, address]] of ([['.text', 0x200, 0x400, 0x1000], ['.rdata', 0x100, 0x600, 0x2000]] as const).entries()) {
    if (index >= headers) break;
    const at = table + index * 40;
    image.write(name, at, 'latin1');
    image.writeUInt32LE(address, at + 12);
    image.writeUInt32LE(size, at + 16);
    image.writeUInt32LE(offset, at + 20);
  }
  return image;
}

describe('analyzeSample on real executables', () => {
  let compiled: string;
  const machine = process.arch === 'x64' ? 'x86-64' : process.arch === 'arm64' ? 'AArch64' : process.arch;

  beforeAll(() => {
    const folder = mkdtempSync(join(tmpdir(), 'sample-'));
    const source = join(folder, 'marker.c');
    writeFileSync(
      source,
      '#include <stdio.h>\n#include <uchar.h>\nconst char16_t wide[] = u"wide-marker-text";\nint main(void) { puts("jobs-platform-sample-marker"); return (int)wide[0] & 1; }\n',
    );
    compiled = join(folder, 'marker');
    execFileSync('cc', ['-O0', '-o', compiled, source]);
  });

  it.each(['/bin/true', 'compiled'])('hashes %s as coreutils does and reads its ELF header as readelf does', async (which) => {
    const path = which === 'compiled' ? compiled : which;
    const report = await analyzeSample(readFileSync(path), 'sample', OPTIONS);
    expect(report).toMatchObject({ md5: digestOf('md5sum', path), sha1: digestOf('sha1sum', path), sha256: digestOf('sha256sum', path) });
    expect(report.fileType.kind).toBe('elf');
    const header = execFileSync('readelf', ['-h', path], { encoding: 'utf8' });
    expect(report.elf).toMatchObject({ bits: 64, endianness: 'little', machine, warnings: [] });
    expect(report.elf?.entryPoint).toBe(/Entry point address:\s+(0x[0-9a-f]+)/.exec(header)?.[1]);
    expect(report.elf?.type).toBe(/Type:\s+(\w+)/.exec(header)?.[1]);
    expect(report.elf?.sections.map(({ name, size }) => ({ name, size }))).toEqual(readelfSections(path));
    expect(report.pe).toBeNull();
  });

  it('finds ASCII and UTF-16LE strings with their offsets', async () => {
    const bytes = readFileSync(compiled);
    const report = await analyzeSample(bytes, null, OPTIONS);
    const ascii = report.strings.ascii.find((found) => found.value === 'jobs-platform-sample-marker');
    expect(ascii && bytes.subarray(ascii.offset, ascii.offset + 27).toString('latin1')).toBe('jobs-platform-sample-marker');
    const wide = report.strings.utf16le.find((found) => found.value === 'wide-marker-text');
    expect(wide && bytes.subarray(wide.offset, wide.offset + 32).toString('utf16le')).toBe('wide-marker-text');
    expect(report.strings.asciiTotal).toBeGreaterThanOrEqual(report.strings.ascii.length);
  });

  it('reports entropy per 4 KiB block and progress per chunk, and stops when aborted', async () => {
    const random = Buffer.from(Array.from({ length: 600_000 }, (_, index) => (index * 2654435761) >>> 24));
    const progress: number[] = [];
    const report = await analyzeSample(random, null, { ...OPTIONS, onProgress: (done) => progress.push(done) });
    expect(report.blockEntropy).toHaveLength(Math.ceil(600_000 / 4096));
    expect(progress).toEqual([262_144, 524_288, 600_000]);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(analyzeSample(random, null, { ...OPTIONS, signal: controller.signal })).rejects.toThrow('cancelled');
  });
});

describe('entropy', () => {
  it('is 0 for one repeated byte and 8 for every byte value equally often', async () => {
    expect((await analyzeSample(Buffer.alloc(10_000, 0x41), null, OPTIONS)).entropy).toBe(0);
    const uniform = Buffer.from(Array.from({ length: 256 * 32 }, (_, index) => index % 256));
    const report = await analyzeSample(uniform, null, OPTIONS);
    expect(report.entropy).toBe(8);
    expect(report.blockEntropy).toEqual([8, 8]);
  });
});

describe('detectFileType', () => {
  it.each([
    ['png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')],
    ['jpeg', Buffer.from('ffd8ffe000104a464946', 'hex')],
    ['gif', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1')],
    ['gzip', gzipSync('hello')],
    ['script', Buffer.from('#!/usr/bin/env python3\nprint(1)\n')],
    ['text', Buffer.from('Plain words, über alles.\n')],
    ['empty', Buffer.alloc(0)],
    ['unknown', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff])],
    ['pe', craftPe()],
    ['mach-o', Buffer.from('cffaedfe07000001', 'hex')],
  ])('recognises %s', (kind, bytes) => {
    expect(detectFileType(bytes).kind).toBe(kind);
  });

  it('tells ZIP, JAR and Office documents apart by their first entries', () => {
    const zipWith = (name: string): Buffer => {
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(name.length, 26);
      return Buffer.concat([header, Buffer.from(name)]);
    };
    expect(detectFileType(zipWith('readme.txt')).kind).toBe('zip');
    expect(detectFileType(zipWith('META-INF/MANIFEST.MF')).kind).toBe('jar');
    expect(detectFileType(zipWith('[Content_Types].xml')).kind).toBe('office-openxml');
    expect(detectFileType(Buffer.from('#!/bin/sh\n')).description).toContain('sh script');
  });
});

describe('PE headers', () => {
  it('reads machine, bitness, entry point, image base, subsystem and sections', () => {
    expect(readPe(craftPe())).toEqual({
      bits: 64,
      machine: 'AMD64',
      isDll: true,
      subsystem: 'windows-console',
      entryPoint: '0x1234',
      imageBase: '0x140000000',
      timestamp: '2023-11-14T22:13:20.000Z',
      sections: [
        { name: '.text', size: 0x200, offset: 0x400, address: '0x1000' },
        { name: '.rdata', size: 0x100, offset: 0x600, address: '0x2000' },
      ],
      warnings: [],
    });
  });
});

describe('malformed headers', () => {
  it('reports a truncated ELF without failing', () => {
    const truncated = readFileSync('/bin/true').subarray(0, 20);
    expect(readElf(truncated)?.warnings[0]).toMatch(/^truncated ELF header/);
  });

  it('reads only the sections that fit when the header lies about their number or place', () => {
    const bytes = Buffer.from(readFileSync('/bin/true'));
    bytes.writeUInt16LE(65_535, 60);
    const lying = readElf(bytes);
    expect(lying?.warnings.join()).toMatch(/claims 65535 sections/);
    const elsewhere = Buffer.from(readFileSync('/bin/true'));
    elsewhere.writeBigUInt64LE(0xffff_ffff_ffffn, 40);
    expect(readElf(elsewhere)).toMatchObject({ sections: [], warnings: [expect.stringMatching(/only 0 fit/)] });
  });

  it('gives no PE facts for an MZ whose PE header lies past the end, and warns of a lying section count', () => {
    const beyond = craftPe();
    beyond.writeUInt32LE(0x7fff_ffff, 0x3c);
    expect(readPe(beyond)).toBeNull();
    expect(readPe(craftPe({ sections: 65_535 }))?.warnings).toEqual(['the header claims 65535 sections, but only 3 can be read']);
  });

  it('never throws or hangs on random bytes behind ELF and MZ magic', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom([0x7f, 0x45, 0x4c, 0x46], [0x4d, 0x5a]), fc.uint8Array({ maxLength: 2048 }), async (magic, rest) => {
        const report = await analyzeSample(Buffer.from([...magic, ...rest]), null, OPTIONS);
        expect(report.size).toBe(magic.length + rest.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('StringScanner', () => {
  it('finds strings across chunk boundaries at both UTF-16 alignments, honouring the minimum and the cap', () => {
    const bytes = Buffer.concat([
      Buffer.from('\x00abc\x00hello world\x01'),
      Buffer.from([0x00]),
      Buffer.from('wide', 'utf16le'),
      Buffer.from([0x01, 0x02]),
      Buffer.from('more', 'utf16le'),
    ]);
    const scanner = new StringScanner({ minLength: 4, maxStrings: 10, maxCharacters: 1024 });
    for (let offset = 0; offset < bytes.length; offset += 3) scanner.feed(bytes.subarray(offset, offset + 3));
    const found = scanner.finish();
    expect(found.ascii).toEqual([{ offset: 5, value: 'hello world' }]);
    expect(found.utf16le).toEqual([
      { offset: 18, value: 'wide' },
      { offset: 28, value: 'more' },
    ]);

    const capped = new StringScanner({ minLength: 3, maxStrings: 1, maxCharacters: 4 });
    capped.feed(Buffer.from('first\x00second\x00'));
    expect(capped.finish()).toMatchObject({ ascii: [{ offset: 0, value: 'firs…' }], asciiTotal: 2 });
  });
});
