/** Bits per byte above which a block is most likely compressed or encrypted (packed code, archives, ciphertext). */
export const HIGH_ENTROPY_BITS = 7.2;

/** The chart's data: each block's start in KiB, and its entropy. */
export function entropySeries(blockEntropy: readonly number[], blockSize: number): [number[], number[]] {
  return [blockEntropy.map((_, index) => (index * blockSize) / 1024), [...blockEntropy]];
}

export interface EntropySummary {
  blocks: number;
  min: number;
  max: number;
  mean: number;
  /** Blocks above {@link HIGH_ENTROPY_BITS}. */
  high: number;
}

/** What the chart shows, in numbers: for readers who cannot see it, and at a glance for those who can. */
export function entropySummary(blockEntropy: readonly number[]): EntropySummary | null {
  if (blockEntropy.length === 0) return null;
  let sum = 0;
  let high = 0;
  for (const value of blockEntropy) {
    sum += value;
    if (value > HIGH_ENTROPY_BITS) high += 1;
  }
  return { blocks: blockEntropy.length, min: Math.min(...blockEntropy), max: Math.max(...blockEntropy), mean: sum / blockEntropy.length, high };
}
