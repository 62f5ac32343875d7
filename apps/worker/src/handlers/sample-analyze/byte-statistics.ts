/** Shannon entropy in bits per byte (0 for empty or uniform input, 8 for uniformly random bytes). */
export function shannonEntropy(counts: ArrayLike<number>, total: number): number {
  if (total === 0) return 0;
  let entropy = 0;
  for (let value = 0; value < counts.length; value += 1) {
    const count = counts[value] ?? 0;
    if (count === 0) continue;
    const probability = count / total;
    entropy -= probability * Math.log2(probability);
  }
  return entropy;
}

/** Rounds for the report: four decimals say all an analyst reads from entropy. */
export function roundEntropy(entropy: number): number {
  return Math.round(entropy * 10_000) / 10_000;
}

/** Byte counts of the whole input and entropy per fixed-size block, fed chunk by chunk. */
export class EntropyMeter {
  readonly blockEntropy: number[] = [];
  private readonly totalCounts = new Float64Array(256);
  private readonly blockCounts = new Float64Array(256);
  private blockFill = 0;
  private total = 0;

  constructor(private readonly blockSize: number) {}

  feed(chunk: Uint8Array): void {
    for (const byte of chunk) {
      this.totalCounts[byte] = (this.totalCounts[byte] ?? 0) + 1;
      this.blockCounts[byte] = (this.blockCounts[byte] ?? 0) + 1;
      this.blockFill += 1;
      if (this.blockFill === this.blockSize) this.closeBlock();
    }
    this.total += chunk.length;
  }

  /** The overall entropy, closing the last, shorter block. */
  finish(): number {
    if (this.blockFill > 0) this.closeBlock();
    return roundEntropy(shannonEntropy(this.totalCounts, this.total));
  }

  private closeBlock(): void {
    this.blockEntropy.push(roundEntropy(shannonEntropy(this.blockCounts, this.blockFill)));
    this.blockCounts.fill(0);
    this.blockFill = 0;
  }
}
