import type { JobWebhook } from '@jobs/contracts';
import { Instant } from './instant.js';

/** Where the job's summary is POSTed when it finishes, and how delivery went (the API never shows the secret). */
export function JobWebhookDetails(props: { webhook: JobWebhook | null }) {
  const { webhook } = props;
  if (!webhook) return <p class="muted">No webhook: nothing is told when the job finishes.</p>;
  return (
    <dl class="field-list">
      <dt>URL</dt>
      <dd class="wrap">{webhook.url}</dd>
      <dt>Delivery attempts</dt>
      <dd>{webhook.attempts}</dd>
      <dt>Delivered</dt>
      <dd>
        <Instant iso={webhook.deliveredAt} />
      </dd>
      <dt>Last error</dt>
      <dd class="wrap">{webhook.lastError ?? <span class="muted">none</span>}</dd>
    </dl>
  );
}
