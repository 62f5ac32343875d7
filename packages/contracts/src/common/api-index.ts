/** What `GET /` answers: where the documentation, the probes and the API are. */
export interface ApiIndex {
  name: string;
  links: ApiIndexLinks;
}

export interface ApiIndexLinks {
  /** The browsable API documentation. */
  docs: string;
  /** The OpenAPI 3 document. */
  openapi: string;
  /** The readiness probe. */
  health: string;
  /** The pages documenting each problem `code`. */
  problems: string;
  /** The jobs collection (needs a bearer token). */
  jobs: string;
  /** The web dashboard. */
  dashboard: string;
}
