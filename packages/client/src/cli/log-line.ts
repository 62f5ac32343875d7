import type { JobLogLine } from '@jobs/contracts';

/** One line of `jobs logs`: time, level, attempt, message, then the fields as JSON when there are any. */
export function formatLogLine(line: JobLogLine): string {
  const fields = line.fields && Object.keys(line.fields).length > 0 ? ` ${JSON.stringify(line.fields)}` : '';
  return `${line.time} ${line.level.toUpperCase().padEnd(5)} #${line.attempt} ${line.message}${fields}`;
}
