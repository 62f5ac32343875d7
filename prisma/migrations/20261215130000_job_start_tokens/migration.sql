-- Per-type rate limits: one token bucket per rate-limited job type, shared by every worker. A
-- worker takes tokens for the entries it is about to fetch (one UPDATE of the row, which serialises
-- concurrent takers), and gives back those it did not use. Types without a rate limit have no row.

-- CreateTable
CREATE TABLE "job_start_tokens" (
    "type" VARCHAR(100) NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "refilled_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "job_start_tokens_pkey" PRIMARY KEY ("type")
);
