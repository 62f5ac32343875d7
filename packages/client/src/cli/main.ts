#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type BulkJobsQuery, type CreateJobRequest, type CreateScheduleRequest, isTerminalStatus, type JobLogLine, type JobStatus, type JobSummary, type UpdateScheduleRequest } from '@jobs/contracts';
import { JobsApiError, JobsWaitTimeoutError } from '../errors.js';
import { JobsClient } from '../jobs-client.js';
import { apiUrl, connectionFailure, InvalidApiUrlError } from './api-address.js';
import { dashboardLink } from './dashboard-link.js';
import { formatLogLine } from './log-line.js';
import { renderProgress } from './progress-bar.js';

const USAGE = `jobs — the jobs platform from the command line

  jobs submit <type> (--payload JSON | --payload-file FILE) [--priority N] [--delay SECONDS]
              [--max-attempts N] [--idempotency-key KEY] [--wait | --follow]
  jobs get <jobId> [--result] [--compact]
  jobs wait <jobId> [--follow] [--timeout SECONDS]
  jobs list [--status S,S] [--type T,T] [--limit N] [--all]
  jobs logs <jobId> [--follow] [--after SEQ] [--json]
  jobs cancel <jobId>
  jobs retry <jobId>
  jobs cancel|retry [--status S,S] [--type T,T] [--error-code C,C] [--since INSTANT] [--until INSTANT]
              [--q TEXT] [--all-owners | --owner ID] [--all] [--dry-run]
  jobs attempts <jobId>
  jobs stats [--all-owners]
  jobs schedules list [--type T,T] [--limit N] [--all] [--all-owners]
  jobs schedules get <scheduleId>
  jobs schedules create <type> --name NAME --cron EXPR [--timezone ZONE] (--payload JSON | --payload-file FILE)
                        [--priority N] [--max-attempts N] [--paused]
  jobs schedules update <scheduleId> [--name NAME] [--cron EXPR] [--timezone ZONE] [--payload JSON | --payload-file FILE]
                        [--priority N] [--max-attempts N]
  jobs schedules pause|resume|delete <scheduleId>
  jobs dashboard

  --url URL       the API (JOBS_API_URL, default http://localhost:3000)
  --token TOKEN   a bearer token (JOBS_TOKEN); \`pnpm token --sub you\` mints one for local use

Without a job id, cancel and retry change every job of yours that matches the filters (the listing's:
--since and --until bound the creation time, an ISO 8601 date or date-time), in batches, and print
the counts; --dry-run only counts, --all is needed when no filter is given, and admins reach every
owner's jobs with --all-owners or one owner's with --owner.

--wait polls with backoff; --follow streams events (Server-Sent Events). Both draw a progress bar on
a terminal and print the finished job as JSON. dashboard prints the web dashboard's sign-in link, the
token in its #fragment, which browsers never send to a server (still, the link is as secret as the
token). logs prints the lines the job's handler logged (time, level, #attempt, message, fields; --json:
one JSON line each); --follow keeps printing new lines until the job has finished. schedules create makes a
job of <type> at each time the cron expression names in the zone (UTC unless --timezone), e.g.
--cron '30 2 * * *' --timezone Europe/Berlin. Exit codes: 0 done (COMPLETED), 3 the job FAILED or was CANCELLED, 4 waiting timed out, 1 the
API refused the request, 2 usage.`;

const EXIT = { ok: 0, apiError: 1, usage: 2, jobUnsuccessful: 3, timedOut: 4 } as const;

class UsageError extends Error {}

/** The API could not be reached at all (nothing listening, unknown host, …). */
class ApiUnreachableError extends Error {
  constructor(url: string, reason: string) {
    super(`cannot reach the API at ${url} (${reason}): is it running (pnpm start)? Set JOBS_API_URL (or --url) to where it listens`);
  }
}

/** Progress on stderr: a redrawn bar on a terminal, a line per change elsewhere. */
class ProgressDisplay {
  private lastLine = '';

  constructor(private readonly terminal: boolean) {}

  update(status: JobStatus, progress: JobSummary['progress']): void {
    const line = renderProgress(status, progress);
    if (line === this.lastLine) return;
    this.lastLine = line;
    process.stderr.write(this.terminal ? `\r\x1b[2K${line}` : `${line}\n`);
  }

  done(): void {
    if (this.terminal && this.lastLine) process.stderr.write('\n');
  }
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`${what} is required`);
  return value;
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--${name} must be an integer`);
  return Number(value);
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter(Boolean);
}

function readPayload(json: string | undefined, file: string | undefined): Record<string, unknown> {
  if ((json === undefined) === (file === undefined)) throw new UsageError('give --payload JSON or --payload-file FILE');
  const text = json ?? readPayloadFile(file ?? '');
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`the payload is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function readPayloadFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --payload-file ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Waits for the job by polling or by its stream, showing progress; prints it and picks the exit code. */
async function follow(client: JobsClient, jobId: string, mode: 'poll' | 'stream', timeoutSeconds: number | undefined): Promise<number> {
  const display = new ProgressDisplay(process.stderr.isTTY === true);
  const signal = timeoutSeconds === undefined ? undefined : AbortSignal.timeout(timeoutSeconds * 1000);
  let final: JobSummary | null = null;
  try {
    if (mode === 'poll') {
      final = await client.waitFor(jobId, {
        ...(timeoutSeconds === undefined ? {} : { timeoutMs: timeoutSeconds * 1000 }),
        onUpdate: (job) => display.update(job.status, job.progress),
      });
    } else {
      let status: JobStatus = 'PENDING';
      let progress: JobSummary['progress'] = null;
      for await (const event of client.stream(jobId, signal ? { signal } : {})) {
        if (event.event === 'status') status = event.data.status;
        else if (event.event === 'progress') progress = event.data;
        else if (event.event === 'result') final = event.data;
        else if (event.event === 'error') process.stderr.write(`\n${event.data.code}: ${event.data.message}\n`);
        if (event.event !== 'ping') display.update(final?.status ?? status, final?.progress ?? progress);
      }
      final ??= await client.status(jobId);
    }
  } catch (error) {
    display.done();
    if (error instanceof JobsWaitTimeoutError || signal?.aborted) {
      process.stderr.write(`timed out waiting for job ${jobId}\n`);
      return EXIT.timedOut;
    }
    throw error;
  }
  display.update(final.status, final.progress);
  display.done();
  print(final.status === 'COMPLETED' ? await client.get(jobId) : final);
  if (!isTerminalStatus(final.status)) return EXIT.timedOut;
  return final.status === 'COMPLETED' ? EXIT.ok : EXIT.jobUnsuccessful;
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  const [command, argument, subject] = positionals;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (!command) throw new UsageError('a command is required');
  const baseUrl = apiUrl(values.url, process.env['JOBS_API_URL']);
  const token = required(values.token ?? process.env['JOBS_TOKEN'], '--token (or JOBS_TOKEN)');
  if (command === 'dashboard') {
    if (argument !== undefined) throw new UsageError(`dashboard takes no argument (got ${argument})`);
    process.stdout.write(`${dashboardLink(baseUrl, token)}\n`);
    return EXIT.ok;
  }
  const client = new JobsClient({ baseUrl, token });
  try {
    return command === 'schedules' ? await runSchedules(client, argument, subject, values) : await runCommand(client, command, argument, values);
  } catch (error) {
    const failure = connectionFailure(error);
    throw failure ? new ApiUnreachableError(baseUrl, failure) : error;
  }
}

type Options = ReturnType<typeof parseOptions>['values'];

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      payload: { type: 'string' },
      'payload-file': { type: 'string' },
      priority: { type: 'string' },
      delay: { type: 'string' },
      'max-attempts': { type: 'string' },
      'idempotency-key': { type: 'string' },
      wait: { type: 'boolean' },
      follow: { type: 'boolean' },
      timeout: { type: 'string' },
      result: { type: 'boolean' },
      compact: { type: 'boolean' },
      status: { type: 'string' },
      type: { type: 'string' },
      limit: { type: 'string' },
      all: { type: 'boolean' },
      after: { type: 'string' },
      json: { type: 'boolean' },
      'all-owners': { type: 'boolean' },
      owner: { type: 'string' },
      'error-code': { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      q: { type: 'string' },
      'dry-run': { type: 'boolean' },
      name: { type: 'string' },
      cron: { type: 'string' },
      timezone: { type: 'string' },
      paused: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function runCommand(client: JobsClient, command: string, argument: string | undefined, values: Options): Promise<number> {
  const timeout = integer(values.timeout, 'timeout');
  switch (command) {
    case 'submit': {
      const job: CreateJobRequest = { type: required(argument, 'the job type'), payload: readPayload(values.payload, values['payload-file']) };
      const priority = integer(values.priority, 'priority');
      const delaySeconds = integer(values.delay, 'delay');
      const maxAttempts = integer(values['max-attempts'], 'max-attempts');
      if (priority !== undefined) job.priority = priority;
      if (delaySeconds !== undefined) job.delaySeconds = delaySeconds;
      if (maxAttempts !== undefined) job.maxAttempts = maxAttempts;
      const accepted = await client.submit(job, values['idempotency-key'] ? { idempotencyKey: values['idempotency-key'] } : {});
      if (!values.wait && !values.follow) {
        print(accepted);
        return EXIT.ok;
      }
      process.stderr.write(`job ${accepted.jobId} accepted\n`);
      return follow(client, accepted.jobId, values.follow ? 'stream' : 'poll', timeout);
    }
    case 'get': {
      const jobId = required(argument, 'the job id');
      print(values.result ? await client.result(jobId, { compact: values.compact === true }) : await client.get(jobId));
      return EXIT.ok;
    }
    case 'attempts':
      print(await client.attempts(required(argument, 'the job id')));
      return EXIT.ok;
    case 'wait':
      return follow(client, required(argument, 'the job id'), values.follow ? 'stream' : 'poll', timeout);
    case 'list': {
      const query = {
        ...(values.status ? { status: list(values.status) as JobStatus[] } : {}),
        ...(values.type ? { type: list(values.type) } : {}),
      };
      const limit = integer(values.limit, 'limit');
      if (values.all) {
        for await (const job of client.list({ ...query, ...(limit === undefined ? {} : { limit }) })) process.stdout.write(`${JSON.stringify(job)}\n`);
      } else {
        const page = await client.listPage({ ...query, ...(limit === undefined ? {} : { limit }) });
        for (const job of page.data) process.stdout.write(`${JSON.stringify(job)}\n`);
        if (page.hasMore) process.stderr.write('more jobs match: --all lists every page\n');
      }
      return EXIT.ok;
    }
    case 'logs': {
      const jobId = required(argument, 'the job id');
      const after = integer(values.after, 'after') ?? 0;
      if (after < 0) throw new UsageError('--after must be 0 or more');
      const write = (line: JobLogLine): void => void process.stdout.write(`${values.json ? JSON.stringify(line) : formatLogLine(line)}\n`);
      if (values.follow) {
        const signal = timeout === undefined ? undefined : AbortSignal.timeout(timeout * 1000);
        try {
          for await (const line of client.followLogs(jobId, { after, ...(signal ? { signal } : {}) })) write(line);
        } catch (error) {
          if (!signal?.aborted) throw error;
          process.stderr.write(`timed out following the log of job ${jobId}\n`);
          return EXIT.timedOut;
        }
        return EXIT.ok;
      }
      for (let page = await client.logs(jobId, { after }); ; page = await client.logs(jobId, { after: page.lastSeq })) {
        page.data.forEach(write);
        if (!page.hasMore) break;
      }
      return EXIT.ok;
    }
    case 'cancel':
      print(argument === undefined ? await client.cancelMatching(bulkQuery(values)) : await client.cancel(argument));
      return EXIT.ok;
    case 'retry':
      print(argument === undefined ? await client.retryMatching(bulkQuery(values)) : await client.retry(argument));
      return EXIT.ok;
    case 'stats':
      print(await client.stats(values['all-owners'] ? { scope: 'all' } : {}));
      return EXIT.ok;
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

/** The filters of `cancel` and `retry` without a job id; the API says which is wrong. */
function bulkQuery(values: Options): BulkJobsQuery {
  if (values['all-owners'] && values.owner !== undefined) throw new UsageError('give --all-owners or --owner, not both');
  return {
    ...(values.status ? { status: list(values.status) as JobStatus[] } : {}),
    ...(values.type ? { type: list(values.type) } : {}),
    ...(values['error-code'] ? { errorCode: list(values['error-code']) } : {}),
    ...(values.since ? { createdFrom: values.since } : {}),
    ...(values.until ? { createdTo: values.until } : {}),
    ...(values.q ? { q: values.q } : {}),
    ...(values['all-owners'] ? { scope: 'all' as const } : {}),
    ...(values.owner !== undefined ? { ownerId: values.owner } : {}),
    ...(values.all ? { all: true } : {}),
    ...(values['dry-run'] ? { dryRun: true } : {}),
  };
}

/** `jobs schedules <subcommand> [<type or id>]`: each prints the schedule (or page) as JSON. */
async function runSchedules(client: JobsClient, subcommand: string | undefined, subject: string | undefined, values: Options): Promise<number> {
  const priority = integer(values.priority, 'priority');
  const maxAttempts = integer(values['max-attempts'], 'max-attempts');
  switch (required(subcommand, 'a schedules command (list, get, create, update, pause, resume, delete)')) {
    case 'list': {
      const limit = integer(values.limit, 'limit');
      const query = {
        ...(values.type ? { type: list(values.type) } : {}),
        ...(limit === undefined ? {} : { limit }),
        ...(values['all-owners'] ? { scope: 'all' as const } : {}),
      };
      if (values.all) {
        for await (const schedule of client.listSchedules(query)) process.stdout.write(`${JSON.stringify(schedule)}\n`);
      } else {
        const page = await client.listSchedulesPage(query);
        for (const schedule of page.data) process.stdout.write(`${JSON.stringify(schedule)}\n`);
        if (page.hasMore) process.stderr.write('more schedules match: --all lists every page\n');
      }
      return EXIT.ok;
    }
    case 'get':
      print(await client.getSchedule(required(subject, 'the schedule id')));
      return EXIT.ok;
    case 'create': {
      const schedule: CreateScheduleRequest = {
        type: required(subject, 'the job type'),
        name: required(values.name, '--name'),
        cron: required(values.cron, '--cron'),
        payload: readPayload(values.payload, values['payload-file']),
        ...(values.timezone ? { timezone: values.timezone } : {}),
        ...(priority === undefined ? {} : { priority }),
        ...(maxAttempts === undefined ? {} : { maxAttempts }),
        ...(values.paused ? { enabled: false } : {}),
      };
      print(await client.createSchedule(schedule));
      return EXIT.ok;
    }
    case 'update': {
      const change: UpdateScheduleRequest = {
        ...(values.name ? { name: values.name } : {}),
        ...(values.cron ? { cron: values.cron } : {}),
        ...(values.timezone ? { timezone: values.timezone } : {}),
        ...(values.payload || values['payload-file'] ? { payload: readPayload(values.payload, values['payload-file']) } : {}),
        ...(priority === undefined ? {} : { priority }),
        ...(maxAttempts === undefined ? {} : { maxAttempts }),
      };
      if (Object.keys(change).length === 0) throw new UsageError('update needs at least one of --name, --cron, --timezone, --payload, --priority, --max-attempts');
      print(await client.updateSchedule(required(subject, 'the schedule id'), change));
      return EXIT.ok;
    }
    case 'pause':
      print(await client.pauseSchedule(required(subject, 'the schedule id')));
      return EXIT.ok;
    case 'resume':
      print(await client.resumeSchedule(required(subject, 'the schedule id')));
      return EXIT.ok;
    case 'delete':
      print(await client.deleteSchedule(required(subject, 'the schedule id')));
      return EXIT.ok;
    default:
      throw new UsageError(`unknown schedules command ${subcommand}`);
  }
}

function isParseArgsError(error: unknown): error is TypeError {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof InvalidApiUrlError || isParseArgsError(error)) {
      // One line: parseArgs' own messages go on with advice about '--' after their first sentence.
      process.stderr.write(`jobs: ${error.message.split(/(?<=\.) /)[0]} (jobs --help for usage)\n`);
      process.exit(EXIT.usage);
    }
    if (error instanceof JobsApiError) {
      process.stderr.write(`${error.message}\n${error.errors.map((field) => `  ${field.field}: ${field.message}\n`).join('')}`);
      process.exit(EXIT.apiError);
    }
    process.stderr.write(`jobs: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT.apiError);
  },
);
