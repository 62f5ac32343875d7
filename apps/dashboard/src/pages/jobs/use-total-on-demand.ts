import type { ListJobsQuery } from '@jobs/contracts';
import { useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';

export interface TotalOnDemand {
  /** The count for `listing`, once asked for. */
  total: number | undefined;
  error: unknown;
  count(): void;
}

/**
 * The number of jobs a listing matches, read only when asked for: where the listing spans every
 * owner, counting means reading every matching row, which the page should not do on each load.
 */
export function useTotalOnDemand(query: ListJobsQuery, listing: string): TotalOnDemand {
  const { client } = useSession();
  const [answer, setAnswer] = useState<{ listing: string; total: number | undefined; error: unknown } | null>(null);
  const count = () => {
    client.listPage({ ...query, cursor: undefined, limit: 1, includeTotal: true }).then(
      (page) => setAnswer({ listing, total: page.total, error: null }),
      (error: unknown) => setAnswer({ listing, total: undefined, error }),
    );
  };
  const current = answer?.listing === listing ? answer : null;
  return { total: current?.total, error: current?.error ?? null, count };
}
