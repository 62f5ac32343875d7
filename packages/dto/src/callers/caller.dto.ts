import type * as wire from '@jobs/contracts';
import { ApiProperty } from '@nestjs/swagger';

/** `GET /v1/me`: who the API takes the bearer of the token to be, as every route sees them. */
export class CallerResponse implements wire.CallerResponse {
  /** The token's subject: the owner of the jobs this caller submits. */
  sub: string;
  /** The organisation whose jobs the caller also sees; null without one. */
  @ApiProperty({ type: 'string', nullable: true })
  org: string | null;
  roles: string[];
  /** Holds the admin role: sees every owner's jobs and may purge them. */
  admin: boolean;
  /** When the token stops being accepted (its `exp`); null for a token without one. */
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  tokenExpiresAt: string | null;
}
