import { createHash } from 'node:crypto';
import { Module } from '@nestjs/common';
import { jwtVerificationSettings } from '../auth/jwt-settings.js';
import { ApiEnvironment } from '../config/api-environment.js';
import { CursorCodec } from './job-cursor.js';
import { JobBulkService } from './job-bulk.service.js';
import { JobDeletionService } from './job-deletion.service.js';
import { JobListingService } from './job-listing.service.js';
import { JobStatsService } from './job-stats.service.js';
import { JobsController } from './jobs.controller.js';

@Module({
  controllers: [JobsController],
  providers: [
    JobListingService,
    JobStatsService,
    JobDeletionService,
    JobBulkService,
    {
      provide: CursorCodec,
      inject: [ApiEnvironment],
      // Every API replica must sign cursors alike: CURSOR_SECRET, or else one derived from the JWT key.
      useFactory: (env: ApiEnvironment) =>
        new CursorCodec(env.CURSOR_SECRET ?? createHash('sha256').update(`cursor:${jwtVerificationSettings(env).keyMaterial}`).digest('hex')),
    },
  ],
  exports: [JobDeletionService, CursorCodec],
})
export class JobsModule {}
