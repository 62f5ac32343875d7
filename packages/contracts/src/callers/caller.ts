/** `GET /v1/me`: who the API takes the bearer of the token to be, as every route sees them. */
export interface CallerResponse {
  /** The token's subject: the owner of the jobs this caller submits. */
  sub: string;
  /** The organisation whose jobs the caller also sees; null without one. */
  org: string | null;
  roles: string[];
  /** Holds the admin role: sees every owner's jobs and may purge them. */
  admin: boolean;
  /** When the token stops being accepted (its `exp`); null for a token without one. */
  tokenExpiresAt: string | null;
}
