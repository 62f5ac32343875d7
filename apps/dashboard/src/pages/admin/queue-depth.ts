import type { StatusCounts } from '@jobs/contracts';

export interface QueueDepthRow {
  type: string;
  pending: number;
  processing: number;
}

/** The types with jobs waiting or running, deepest queue first (then by name); idle types are left out. */
export function queueDepthRows(byType: Record<string, StatusCounts>): QueueDepthRow[] {
  return Object.entries(byType)
    .map(([type, counts]) => ({ type, pending: counts.byStatus.PENDING, processing: counts.byStatus.PROCESSING }))
    .filter((row) => row.pending + row.processing > 0)
    .sort((a, b) => b.pending + b.processing - (a.pending + a.processing) || b.pending - a.pending || a.type.localeCompare(b.type));
}
