import { PATHS } from '../../paths.js';

/** After coming back from a submitted job: the form still holds what was sent, ready for another. */
export function SubmittedNotice(props: { jobId: string }) {
  return (
    <p class="submitted-notice" role="status">
      Job{' '}
      <a href={PATHS.job(props.jobId)}>
        <code>{props.jobId}</code>
      </a>{' '}
      was submitted. The form keeps its values: change them and submit another, or clear the form.
    </p>
  );
}
