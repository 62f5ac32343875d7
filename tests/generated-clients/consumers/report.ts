/** The `limit` the consumers give `domain.similar`: fewer than the variants of the spec's domain. */
export const VARIANT_LIMIT = 20;

/** What each consumer prints (one JSON line on stdout), for the spec to compare with the API's own answers. */
export interface ConsumerReport {
  /** The `domain.similar` job it submitted and waited for. */
  jobId: string;
  status: string;
  resultType: string;
  /** The result's `count` and the length of its `variants`. */
  count: number;
  variantCount: number;
  firstVariant: { fuzzer: string; domain: string; punycode: string };
  /** A second job, delayed by an hour, whose result is asked for too early. */
  delayedJobId: string;
  /** Its owner's completed and pending jobs (a two-status filter), one per page, as `nextCursor` led. */
  listedJobIds: string[];
  pages: number;
  notCompleted: ProblemSeen;
  notFound: ProblemSeen;
}

export interface ProblemSeen {
  status: number;
  code: string;
  title: string;
}

/** The API and the token come from the environment, as for the `jobs` command line. */
export function readSettings(): { baseUrl: string; token: string; domain: string } {
  const baseUrl = process.env['JOBS_API_URL'];
  const token = process.env['JOBS_TOKEN'];
  const domain = process.env['DOMAIN'];
  if (!baseUrl || !token || !domain) throw new Error('set JOBS_API_URL, JOBS_TOKEN and DOMAIN');
  return { baseUrl, token, domain };
}

export function printReport(report: ConsumerReport): void {
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
