/**
 * The web dashboard's sign-in link: the token rides in the fragment, which browsers keep to
 * themselves (never in a request, a server log or a Referer header), for the page to read.
 */
export function dashboardLink(baseUrl: string, token: string): string {
  return `${baseUrl}/dashboard/#token=${encodeURIComponent(token)}`;
}
