import type * as wire from '@jobs/contracts';
import { IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { ApiInteger } from '../common/api-schema.js';

export class WebhookRequest implements wire.WebhookRequest {
  /** Receives a POST of the job summary when the job finishes (COMPLETED, FAILED or CANCELLED). */
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false, require_host: true, allow_underscores: true },
    { message: 'webhook.url must be an http(s) URL' },
  )
  @MaxLength(2048)
  url: string;

  /** Signs each delivery (HMAC-SHA256); the server's WEBHOOK_SECRET when omitted. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  secret?: string;
}

/** A job's webhook as the API shows it: never the secret. */
export class JobWebhook implements wire.JobWebhook {
  url: string;
  /** Deliveries tried so far. */
  @ApiInteger({ minimum: 0 })
  attempts: number;
  deliveredAt: string | null;
  lastError: string | null;
}
