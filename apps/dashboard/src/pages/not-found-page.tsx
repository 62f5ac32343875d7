import { PATHS } from '../paths.js';

export function NotFoundPage() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        Nothing here. Back to <a href={PATHS.jobs}>the jobs</a>.
      </p>
    </section>
  );
}
