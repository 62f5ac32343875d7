import type { ScheduleDetailResponse } from '@jobs/contracts';
import { useLocation, useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { useApiData } from '../../api/use-api-data.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatInstant } from '../../format/format.js';
import { PATHS } from '../../paths.js';
import './schedules.css';

/** `/dashboard/schedules/:id`: a schedule, its next fire times and the jobs of its latest firings; pause, resume, delete. */
export function SchedulePage() {
  const { params } = useRoute();
  const id = params['id'] ?? '';
  const schedule = useApiData((client, signal) => client.getSchedule(id, { signal }), `schedule:${id}`);
  return (
    <section class="schedule-page">
      <p>
        <a href={PATHS.schedules}>← Schedules</a>
      </p>
      {schedule.data ? (
        <ScheduleDetails schedule={schedule.data} reload={schedule.reload} />
      ) : schedule.error ? (
        <ProblemMessage error={schedule.error} prefix="Could not load the schedule:" />
      ) : (
        <p class="muted">Loading the schedule…</p>
      )}
    </section>
  );
}

function ScheduleDetails(props: { schedule: ScheduleDetailResponse; reload(): void }) {
  const { schedule } = props;
  const { client } = useSession();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const act = async (action: () => Promise<unknown>, after: () => void) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
      after();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{schedule.name}</h1>
      {failure ? <ProblemMessage error={failure} prefix="The schedule did not change:" /> : null}
      <dl class="schedule-facts">
        <dt>State</dt>
        <dd>{schedule.enabled ? 'Active' : 'Paused'}</dd>
        <dt>When</dt>
        <dd>
          <code>{schedule.cron}</code> in {schedule.timezone}
        </dd>
        <dt>Job type</dt>
        <dd>{schedule.type}</dd>
        <dt>Last firing</dt>
        <dd>{schedule.lastFiredAt ? formatInstant(schedule.lastFiredAt) : 'never'}</dd>
        <dt>Owner</dt>
        <dd>{schedule.ownerId}</dd>
      </dl>
      <div class="form-actions">
        {schedule.enabled ? (
          <button type="button" class="secondary" disabled={busy} onClick={() => void act(() => client.pauseSchedule(schedule.id), props.reload)}>
            Pause
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => void act(() => client.resumeSchedule(schedule.id), props.reload)}>
            Resume
          </button>
        )}
        <button type="button" class="danger" disabled={busy} onClick={() => setConfirming(true)}>
          Delete
        </button>
      </div>
      <h2>Next fire times</h2>
      {schedule.nextFireTimes.length > 0 ? (
        <ol class="next-fire-times" aria-label="Next fire times">
          {schedule.nextFireTimes.map((time) => (
            <li key={time}>
              <time dateTime={time}>{formatInstant(time)}</time>
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">None while paused.</p>
      )}
      <h2>Latest jobs</h2>
      {schedule.lastJobs.length > 0 ? (
        <table class="data-table" aria-label="Latest jobs">
          <thead>
            <tr>
              <th scope="col">Planned for</th>
              <th scope="col">Status</th>
              <th scope="col">Job</th>
            </tr>
          </thead>
          <tbody>
            {schedule.lastJobs.map((job) => (
              <tr key={job.id}>
                <td>{formatInstant(job.scheduledFor)}</td>
                <td>
                  <StatusBadge status={job.status} />
                </td>
                <td>
                  <a href={PATHS.job(job.id)}>{job.id}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">No firing has made a job yet.</p>
      )}
      <h2>Payload</h2>
      <pre class="json-block">{JSON.stringify(schedule.payload, null, 2)}</pre>
      <ConfirmDialog
        open={confirming}
        title="Delete this schedule?"
        confirmLabel="Delete the schedule"
        dismissLabel="Keep it"
        busyLabel="Deleting…"
        busy={busy}
        danger
        onConfirm={() => void act(() => client.deleteSchedule(schedule.id), () => location.route(PATHS.schedules))}
        onDismiss={() => setConfirming(false)}
      >
        <p>It will fire no more. The jobs it already made stay.</p>
      </ConfirmDialog>
    </>
  );
}
