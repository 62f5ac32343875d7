import type * as wire from '@jobs/contracts';

export class ApiIndexLinks implements wire.ApiIndexLinks {
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

/** What `GET /` answers: where the documentation, the probes and the API are. */
export class ApiIndex implements wire.ApiIndex {
  name: string;
  links: ApiIndexLinks;
}
