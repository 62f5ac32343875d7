/** The environment variable the copied command reads the token from: the dashboard never copies the token itself. */
export const TOKEN_VARIABLE = 'JOBS_TOKEN';

/** A shell command that reads the job from the API, as a person would paste it into a terminal. */
export function curlCommand(origin: string, jobId: string): string {
  return `curl -s ${origin}/v1/jobs/${encodeURIComponent(jobId)} -H "Authorization: Bearer $${TOKEN_VARIABLE}"`;
}
