import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** A job that does nothing, so benchmarks measure the platform itself. */
export class BenchNoopPayload {
  /** A sequence number, echoed back. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence?: number;
}

export class BenchNoopResult {
  sequence: number | null;
}
