import type { JobFilterQuery } from '@jobs/dto';
import { type JobFilters, requestedScope } from '@jobs/jobs';
import type { Principal } from '../auth/principal.js';

/** The jobs a listing or bulk query covers: its filters within the scope the caller asked for (403 for another owner's, unless admin). */
export function jobFiltersOf(principal: Principal, query: JobFilterQuery): JobFilters {
  return {
    scope: requestedScope(principal, query),
    types: query.type,
    statuses: query.status,
    resultTypes: query.resultType,
    errorCodes: query.errorCode,
    createdFrom: query.createdFrom,
    createdTo: query.createdTo,
    finishedFrom: query.finishedFrom,
    finishedTo: query.finishedTo,
    q: query.q,
    scheduleId: query.scheduleId,
  };
}
