import { LIST_LIMITS, type JobListResponse } from '@jobs/contracts';
import type { ListJobsQuery } from '@jobs/dto';
import { type JobFilters, JobReads, type JobSummaryRecord, requestedScope, toJobSummary } from '@jobs/jobs';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { CursorCodec, queryFingerprint } from './job-cursor.js';

/** A page of the listing: the query's filters, and opaque signed cursors that name where pages end. */
@Injectable()
export class JobListingService {
  constructor(
    private readonly reads: JobReads,
    private readonly cursors: CursorCodec,
  ) {}

  async list(principal: Principal, query: ListJobsQuery): Promise<JobListResponse> {
    const filters: JobFilters = {
      scope: requestedScope(principal, query),
      types: query.type,
      statuses: query.status,
      resultTypes: query.resultType,
      createdFrom: query.createdFrom,
      createdTo: query.createdTo,
      finishedFrom: query.finishedFrom,
      finishedTo: query.finishedTo,
      q: query.q,
      scheduleId: query.scheduleId,
    };
    const sort = query.sort ?? 'createdAt';
    const order = query.order ?? 'desc';
    const limit = query.limit ?? LIST_LIMITS.defaultLimit;
    const fingerprint = queryFingerprint({ ...filters, sort, order });
    const after = query.cursor ? this.cursors.decode(query.cursor, { sort, order, query: fingerprint }) : undefined;

    const [rows, total] = await Promise.all([
      this.reads.list(filters, {
        sort,
        order,
        take: limit + 1,
        ...(after ? { after: { value: sortValueOf(after.value), id: after.id } } : {}),
        ...(query.offset !== undefined ? { offset: query.offset } : {}),
      }),
      query.includeTotal ? this.reads.count(filters) : Promise.resolve(undefined),
    ]);
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor =
      hasMore && last && query.offset === undefined
        ? this.cursors.encode({ sort, order, value: cursorValueOf(last, sort), id: last.id, query: fingerprint })
        : null;
    return { data: page.map(toJobSummary), nextCursor, hasMore, ...(total === undefined ? {} : { total }) };
  }
}

function cursorValueOf(row: JobSummaryRecord, sort: NonNullable<ListJobsQuery['sort']>): string | number | null {
  const value = row[sort];
  return value instanceof Date ? value.toISOString() : value;
}

function sortValueOf(value: string | number | null): Date | number | null {
  return typeof value === 'string' ? new Date(value) : value;
}
