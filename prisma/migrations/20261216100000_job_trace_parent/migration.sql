-- The W3C trace context (`traceparent`) of the span that submitted a job, so the worker's span for
-- each attempt continues that trace and deliveries about the job link to it. NULL when the API
-- traces nothing (no OTEL_* configuration). Nullable without a default: adding it rewrites nothing.

-- AlterTable
ALTER TABLE "jobs" ADD COLUMN "trace_parent" TEXT;
