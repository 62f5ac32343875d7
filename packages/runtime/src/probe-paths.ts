/** Health probes and metric scrapes: frequent and uneventful, so neither logged per request nor traced. */
export function isProbeOrScrape(url: string | undefined): boolean {
  return /^\/(health|metrics)\b/.test(url ?? '');
}
