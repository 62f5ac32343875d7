import { ProblemMessage } from '../../components/problem-message.js';
import { useApiData } from '../../api/use-api-data.js';
import { SubmitForm } from './submit-form.js';
import './submit-page.css';

/** `/dashboard/submit[?type=<name>]`: a job type's form, generated from the schema `GET /v1/job-types` serves. */
export function SubmitPage() {
  const types = useApiData((client, signal) => client.jobTypes({ signal }), 'job-types');
  return (
    <section class="submit-page">
      <h1>Submit a job</h1>
      {types.data ? (
        <SubmitForm types={types.data.data} />
      ) : types.error ? (
        <ProblemMessage error={types.error} prefix="Could not load the job types:" />
      ) : (
        <p class="muted">Loading the job types…</p>
      )}
    </section>
  );
}
