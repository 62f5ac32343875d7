import { LIST_LIMITS, type ScheduleListResponse } from '@jobs/contracts';
import type { ListSchedulesQuery } from '@jobs/dto';
import { requestedScope, type ScheduleFilters, Schedules, toScheduleResponse } from '@jobs/jobs';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { CursorCodec, queryFingerprint } from '../jobs/job-cursor.js';

/** A page of schedules, newest first, with the jobs listing's signed keyset cursors. */
@Injectable()
export class ScheduleListingService {
  constructor(
    private readonly schedules: Schedules,
    private readonly cursors: CursorCodec,
  ) {}

  async list(principal: Principal, query: ListSchedulesQuery): Promise<ScheduleListResponse> {
    const filters: ScheduleFilters = { scope: requestedScope(principal, query), types: query.type, enabled: query.enabled };
    const limit = query.limit ?? LIST_LIMITS.defaultLimit;
    // Cursors name the schedules listing, so one from the jobs listing does not fit here.
    const fingerprint = queryFingerprint({ ...filters, listing: 'schedules' });
    const after = query.cursor ? this.cursors.decode(query.cursor, { sort: 'createdAt', order: 'desc', query: fingerprint }) : undefined;
    const rows = await this.schedules.list(filters, {
      take: limit + 1,
      ...(after ? { after: { createdAt: new Date(String(after.value)), id: after.id } } : {}),
    });
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = hasMore && last ? this.cursors.encode({ sort: 'createdAt', order: 'desc', value: last.createdAt.toISOString(), id: last.id, query: fingerprint }) : null;
    return { data: page.map(toScheduleResponse), nextCursor, hasMore };
  }
}
