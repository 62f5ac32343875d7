-- Recurring schedules (README, "Schedules"). Workers fire due schedules: in one transaction they lock
-- them (FOR UPDATE SKIP LOCKED), insert each firing's job and queue entry, and advance next_fire_at.

-- CreateTable
CREATE TABLE "schedules" (
    "id" UUID NOT NULL,
    "owner_id" VARCHAR(255) NOT NULL,
    "org_id" VARCHAR(255),
    "name" VARCHAR(200) NOT NULL,
    "cron" VARCHAR(200) NOT NULL,
    "timezone" VARCHAR(100) NOT NULL,
    "type" VARCHAR(100) NOT NULL,
    "payload" JSONB NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "max_attempts" INTEGER,
    "timeout_seconds" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "next_fire_at" TIMESTAMPTZ(3),
    "last_fired_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "schedules_pkey" PRIMARY KEY ("id")
);

-- The firers' scan: due enabled schedules, earliest first.
CREATE INDEX "schedules_next_fire_at_idx" ON "schedules"("next_fire_at") WHERE enabled;

-- Keyset pages of one owner or organisation, newest first.
CREATE INDEX "schedules_owner_id_created_at_id_idx" ON "schedules"("owner_id", "created_at" DESC, "id" DESC);
CREATE INDEX "schedules_org_id_created_at_id_idx" ON "schedules"("org_id", "created_at" DESC, "id" DESC) WHERE org_id IS NOT NULL;

-- A job made by a schedule names it and the firing it was planned for. Nullable, with no default
-- and no foreign key (a submission writes and checks nothing more; a deleted schedule's jobs stay).
ALTER TABLE "jobs" ADD COLUMN "schedule_id" UUID,
ADD COLUMN "scheduled_for" TIMESTAMPTZ(3);

-- One job per planned firing, whoever fires it and however often: the rule, not the firers' locks,
-- is what makes a second insert of the same firing impossible. Partial: ordinary jobs have no entry.
CREATE UNIQUE INDEX "jobs_schedule_id_scheduled_for_key" ON "jobs"("schedule_id", "scheduled_for") WHERE schedule_id IS NOT NULL;
