/**
 * Where in a job's stream an event stands, as its SSE id says: `<run>.<step>` for a `status` event,
 * `<run>.<step>.<progressAt>` for a `progress` event and `<run>.final` for the `result`. `run` is the
 * job's runAt in epoch milliseconds (a retry starts a new run with a new runAt), `step` the status step
 * of the run (`runStep` in @jobs/jobs) and `progressAt` the epoch milliseconds at which the job stored
 * that progress. Everything is read from the job's row, so the hot path writes nothing for it.
 */
export type StreamEventId = { run: number; final: true } | { run: number; final: false; step: number; progressAt: number };

/** Within one run, what comes later has the larger id: step first, then the progress time (0 for a status). */
export function formatEventId(id: StreamEventId): string {
  if (id.final) return `${id.run}.final`;
  return id.progressAt === 0 ? `${id.run}.${id.step}` : `${id.run}.${id.step}.${id.progressAt}`;
}

const EVENT_ID = /^(\d{1,15})\.(?:(final)|(\d{1,9})(?:\.(\d{1,15}))?)$/;

const LOG_POSITION = /^(.*)\.L(\d{1,10})$/;

/**
 * Where the client is in the job's log: once the stream has a log position (the last line sent, or
 * the last line there was when a fresh stream started), every event id ends in `.L<seq>`; `formatEventId`'s
 * part comes first. Separate from the run's steps because a job's log continues across its runs.
 */
export function withLogPosition(id: string, logSeq: number): string {
  return logSeq > 0 ? `${id}.L${logSeq}` : id;
}

/** A `Last-Event-ID` split into its run part (for `parseEventId`) and its log position (null when it has none). */
export function splitLogPosition(text: string | undefined): { runPart: string | undefined; logSeq: number | null } {
  const match = text === undefined ? null : LOG_POSITION.exec(text);
  if (!match) return { runPart: text, logSeq: null };
  const logSeq = Number(match[2]);
  return Number.isSafeInteger(logSeq) && logSeq <= 2_147_483_647 ? { runPart: match[1], logSeq } : { runPart: match[1], logSeq: null };
}

/** A `Last-Event-ID` read back; null when absent or not one of ours (the client then starts afresh). */
export function parseEventId(text: string | undefined): StreamEventId | null {
  const match = text === undefined ? null : EVENT_ID.exec(text);
  if (!match) return null;
  const run = Number(match[1]);
  if (match[2]) return { run, final: true };
  return { run, final: false, step: Number(match[3]), progressAt: Number(match[4] ?? 0) };
}
