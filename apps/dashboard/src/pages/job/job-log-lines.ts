import type { JobLogLine } from '@jobs/contracts';

/** The lines a job page shows: read pages, then live ones, in `seq` order, each once. */
export interface JobLogLines {
  lines: JobLogLine[];
  /** The last `seq` shown: where following resumes. */
  lastSeq: number;
}

export const NO_LOG_LINES: JobLogLines = { lines: [], lastSeq: 0 };

/** Adds lines that come after what is shown; a line already shown (a page and the stream overlapping) is skipped. */
export function appendLogLines(state: JobLogLines, incoming: readonly JobLogLine[]): JobLogLines {
  const fresh = incoming.filter((line) => line.seq > state.lastSeq).sort((a, b) => a.seq - b.seq);
  if (fresh.length === 0) return state;
  return { lines: [...state.lines, ...fresh], lastSeq: fresh.at(-1)?.seq ?? state.lastSeq };
}

/** `12:04:05.123`: a line's time of day, in the browser's time zone (the date is the job's). */
export function logTime(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
