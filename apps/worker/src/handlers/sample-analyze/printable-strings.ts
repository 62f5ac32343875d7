import type { FoundString, SampleStrings } from '@jobs/contracts';

export interface StringLimits {
  minLength: number;
  maxStrings: number;
  maxCharacters: number;
}

/** Printable ASCII as `strings` takes it: space to tilde, and tab. */
function isPrintable(byte: number): boolean {
  return (byte >= 0x20 && byte <= 0x7e) || byte === 0x09;
}

/** Runs of printable characters of one encoding, found across chunk boundaries. */
class RunCollector {
  readonly found: FoundString[] = [];
  total = 0;
  private start = -1;
  private characters: string[] = [];

  constructor(private readonly limits: StringLimits) {}

  extend(offset: number, character: string): void {
    if (this.start === -1) this.start = offset;
    if (this.characters.length < this.limits.maxCharacters) this.characters.push(character);
    else if (this.characters.length === this.limits.maxCharacters) this.characters.push('…');
  }

  /** Ends the current run; its length in characters decides whether it counts. */
  end(length: number): void {
    if (this.start !== -1 && length >= this.limits.minLength) {
      this.total += 1;
      if (this.found.length < this.limits.maxStrings) this.found.push({ offset: this.start, value: this.characters.join('') });
    }
    this.start = -1;
    this.characters = [];
  }
}

/**
 * Printable ASCII strings and UTF-16LE strings (printable ASCII each followed by a zero byte, at
 * even or odd offsets), like `strings -a` and `strings -el`, with offsets; fed chunk by chunk.
 */
export class StringScanner {
  private readonly ascii: RunCollector;
  /** One collector per alignment of the two-byte units. */
  private readonly wide: [RunCollector, RunCollector];
  private readonly wideLength: [number, number] = [0, 0];
  private asciiLength = 0;
  private previous = -1;
  private offset = 0;

  constructor(private readonly limits: StringLimits) {
    this.ascii = new RunCollector(limits);
    this.wide = [new RunCollector(limits), new RunCollector(limits)];
  }

  feed(chunk: Uint8Array): void {
    for (const byte of chunk) {
      if (isPrintable(byte)) {
        this.ascii.extend(this.offset, String.fromCharCode(byte));
        this.asciiLength += 1;
      } else {
        this.ascii.end(this.asciiLength);
        this.asciiLength = 0;
      }
      // A two-byte unit ends here: (previous, byte). Its alignment is that of its first byte.
      if (this.offset > 0) {
        const alignment = (this.offset - 1) % 2 === 0 ? 0 : 1;
        if (byte === 0 && isPrintable(this.previous)) {
          this.wide[alignment].extend(this.offset - 1, String.fromCharCode(this.previous));
          this.wideLength[alignment] += 1;
        } else {
          this.wide[alignment].end(this.wideLength[alignment]);
          this.wideLength[alignment] = 0;
        }
      }
      this.previous = byte;
      this.offset += 1;
    }
  }

  finish(): SampleStrings {
    this.ascii.end(this.asciiLength);
    for (const alignment of [0, 1] as const) this.wide[alignment].end(this.wideLength[alignment]);
    // Both alignments together, in file order.
    const utf16le = [...this.wide[0].found, ...this.wide[1].found].sort((a, b) => a.offset - b.offset);
    return {
      ascii: this.ascii.found,
      asciiTotal: this.ascii.total,
      utf16le: utf16le.slice(0, this.limits.maxStrings),
      utf16leTotal: this.wide[0].total + this.wide[1].total,
    };
  }
}
