export interface WebhookRequest {
  /** Receives a POST of the job summary when the job finishes (COMPLETED, FAILED or CANCELLED). */
  url: string;
  /** Signs each delivery (HMAC-SHA256); the server's WEBHOOK_SECRET when omitted. */
  secret?: string;
}

/** A job's webhook as the API shows it: never the secret. */
export interface JobWebhook {
  url: string;
  attempts: number;
  deliveredAt: string | null;
  lastError: string | null;
}
