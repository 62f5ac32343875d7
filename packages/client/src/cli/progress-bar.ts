import type { JobProgress, JobStatus } from '@jobs/contracts';

const BAR_WIDTH = 30;

/** One line for a terminal: `[#########-----]  60% PROCESSING  step 3 of 5`. */
export function renderProgress(status: JobStatus, progress: JobProgress | null, width = BAR_WIDTH): string {
  const fraction = status === 'COMPLETED' ? 1 : progress?.percentage !== null && progress?.percentage !== undefined ? progress.percentage / 100 : null;
  const bar =
    fraction === null
      ? `[${'?'.repeat(width)}]`
      : `[${'#'.repeat(Math.round(Math.min(1, Math.max(0, fraction)) * width)).padEnd(width, '-')}]`;
  const percent = fraction === null ? '   ?' : `${String(Math.round(fraction * 100)).padStart(3)}%`;
  const detail = progress?.message ?? (progress ? `${progress.current}${progress.total === null ? '' : ` of ${progress.total}`}` : '');
  return `${bar} ${percent} ${status}${detail ? `  ${detail}` : ''}`;
}
