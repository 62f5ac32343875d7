import { createHash } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { SAMPLE_LIMITS, type SampleReport } from '@jobs/contracts';
import { EntropyMeter } from './byte-statistics.js';
import { readElf } from './elf-header.js';
import { detectFileType } from './file-type.js';
import { readPe } from './pe-header.js';
import { StringScanner } from './printable-strings.js';

export interface AnalysisOptions {
  minStringLength: number;
  maxStrings: number;
  signal?: AbortSignal;
  onProgress?: (bytesDone: number, bytes: number) => void;
}

/** Bytes hashed, measured and scanned between two turns of the event loop (progress, timeouts, cancellation). */
const CHUNK_BYTES = 256 * 1024;

/**
 * A static report of a sample: hashes, entropy and strings are computed in one pass over chunks;
 * the file type and the ELF/PE facts are read from the headers, bounds-checked.
 */
export async function analyzeSample(data: Uint8Array, filename: string | null, options: AnalysisOptions): Promise<SampleReport> {
  const digests = [createHash('md5'), createHash('sha1'), createHash('sha256')] as const;
  const entropy = new EntropyMeter(SAMPLE_LIMITS.blockSize);
  const strings = new StringScanner({ minLength: options.minStringLength, maxStrings: options.maxStrings, maxCharacters: SAMPLE_LIMITS.maxStringCharacters });
  for (let offset = 0; offset < data.length; offset += CHUNK_BYTES) {
    const chunk = data.subarray(offset, offset + CHUNK_BYTES);
    for (const digest of digests) digest.update(chunk);
    entropy.feed(chunk);
    strings.feed(chunk);
    options.onProgress?.(offset + chunk.length, data.length);
    await yieldToEventLoop();
    options.signal?.throwIfAborted();
  }
  const [md5, sha1, sha256] = digests.map((digest) => digest.digest('hex'));
  const fileType = detectFileType(data);
  return {
    filename,
    size: data.length,
    md5: md5 ?? '',
    sha1: sha1 ?? '',
    sha256: sha256 ?? '',
    entropy: entropy.finish(),
    blockSize: SAMPLE_LIMITS.blockSize,
    blockEntropy: entropy.blockEntropy,
    fileType,
    strings: strings.finish(),
    elf: fileType.kind === 'elf' ? readElf(data) : null,
    pe: fileType.kind === 'pe' ? readPe(data) : null,
  };
}
