import { PrismaService } from '@jobs/database';
import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Batcher } from '../batcher.js';
import type { JobCreation } from './channels.js';
import { notifyCreatedJobs } from './notify-created-jobs.js';
import { packPayloads } from './payload-packing.js';

/** Announcements of one process are at least this far apart, as the queue's wake-ups are (JobQueue). */
const ANNOUNCE_SPACING_MS = 5;

/**
 * Announces new jobs on `jobs_created` after the commit that made them, for the API processes'
 * feeds. Not a trigger: a NOTIFY inside every submission transaction would serialise their commits.
 * Coalesced: a job submitted on a quiet system goes out at once; under load, the jobs committed
 * meanwhile go out together, packed under the payload limit.
 *
 * Best effort, by design: the jobs are committed whatever happens here. A failed NOTIFY is logged,
 * and an API process that stops between a commit and its announcement leaves those jobs
 * unannounced; feed clients refetch their view whenever they (re)connect, and get `resync` when the
 * listener lost its connection, which is when anything else could go unheard.
 */
@Injectable()
export class CreationAnnouncer implements BeforeApplicationShutdown {
  private readonly logger = new Logger('CreationAnnouncer');
  /** One item per commit, so a batch's jobs go out together. */
  private readonly announcements = new Batcher<readonly JobCreation[], void>((commits) => this.send(commits), { maxItems: 100, spacingMs: ANNOUNCE_SPACING_MS });

  constructor(private readonly prisma: PrismaService) {}

  /** Called after the commit of `jobs`; returns at once. */
  announce(jobs: readonly JobCreation[]): void {
    if (jobs.length > 0) void this.announcements.add(jobs);
  }

  /** Before the pool closes (onApplicationShutdown): what was committed is still announced. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.announcements.drained();
  }

  private async send(commits: (readonly JobCreation[])[]): Promise<void[]> {
    const jobs = commits.flat();
    try {
      await notifyCreatedJobs(this.prisma, packPayloads(jobs));
    } catch (error) {
      this.logger.warn(`could not announce ${jobs.length} new job(s) to feeds: ${error instanceof Error ? error.message : String(error)}`);
    }
    return commits.map(() => undefined);
  }
}
