import type { ScheduleResponse } from '@jobs/contracts';
import { useState } from 'preact/hooks';
import { useApiData } from '../../api/use-api-data.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { formatInstant } from '../../format/format.js';
import { PATHS } from '../../paths.js';
import { ScheduleForm } from './schedule-form.js';
import './schedules.css';

/** `/dashboard/schedules`: the caller's schedules, newest first, and a form for a new one. */
export function SchedulesPage() {
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const page = useApiData((client, signal) => client.listSchedulesPage(cursor ? { cursor } : {}, { signal }), `schedules:${cursor ?? ''}`);
  const types = useApiData((client, signal) => client.jobTypes({ signal }), 'job-types');

  return (
    <section class="schedules-page">
      <h1>Schedules</h1>
      {page.error ? <ProblemMessage error={page.error} prefix="Could not load the schedules:" /> : null}
      {page.data ? (
        page.data.data.length === 0 && cursors.length === 0 ? (
          <p class="muted">No schedules yet. Create one below: a job made at each time a cron expression names.</p>
        ) : (
          <SchedulesTable schedules={page.data.data} />
        )
      ) : page.loading ? (
        <p class="muted">Loading the schedules…</p>
      ) : null}
      <div class="schedules-pager">
        {cursors.length > 0 ? (
          <button type="button" class="secondary" onClick={() => setCursors(cursors.slice(0, -1))}>
            Newer
          </button>
        ) : null}
        {page.data?.nextCursor ? (
          <button type="button" class="secondary" onClick={() => setCursors([...cursors, page.data?.nextCursor ?? ''])}>
            Older
          </button>
        ) : null}
      </div>
      <h2>New schedule</h2>
      {types.data ? (
        <ScheduleForm types={types.data.data} onCreated={page.reload} />
      ) : types.error ? (
        <ProblemMessage error={types.error} prefix="Could not load the job types:" />
      ) : (
        <p class="muted">Loading the job types…</p>
      )}
    </section>
  );
}

function SchedulesTable(props: { schedules: ScheduleResponse[] }) {
  return (
    <table class="data-table schedules-table" aria-label="Schedules">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Job type</th>
          <th scope="col">When</th>
          <th scope="col">State</th>
          <th scope="col">Next firing</th>
          <th scope="col">Last firing</th>
        </tr>
      </thead>
      <tbody>
        {props.schedules.map((schedule) => (
          <tr key={schedule.id}>
            <td>
              <a href={PATHS.schedule(schedule.id)}>{schedule.name}</a>
            </td>
            <td>{schedule.type}</td>
            <td>
              <code>{schedule.cron}</code> {schedule.timezone}
            </td>
            <td>{schedule.enabled ? 'Active' : 'Paused'}</td>
            <td>{schedule.nextFireAt ? formatInstant(schedule.nextFireAt) : '—'}</td>
            <td>{schedule.lastFiredAt ? formatInstant(schedule.lastFiredAt) : 'never'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
