import { NotificationListener } from '@jobs/database';
import { CHANNELS, type JobChange, type JobCreation, type JobLogNotice, parseCancellations, parseJobChanges, parseJobCreations, parseJobLogNotices } from '../notifications/channels.js';

/** Listens on the job channels and keeps every notification, for tests that check what was announced. */
export class NotificationRecorder {
  private readonly heard: { channel: string; payload: string }[] = [];

  private constructor(private readonly listener: NotificationListener) {
    listener.on('notification', (channel, payload) => this.heard.push({ channel, payload }));
  }

  static async start(url: string): Promise<NotificationRecorder> {
    const recorder = new NotificationRecorder(new NotificationListener({ url, channels: [CHANNELS.jobChanges, CHANNELS.cancellations, CHANNELS.jobsCreated, CHANNELS.jobLogs] }));
    await recorder.listener.start();
    return recorder;
  }

  /** Each `job_events` notification's changes, one array per notification. */
  jobChangeNotifications(): JobChange[][] {
    return this.heard.filter((item) => item.channel === CHANNELS.jobChanges).map((item) => parseJobChanges(item.payload));
  }

  /** Each `jobs_created` notification's jobs, one array per notification, with the payload's size in bytes. */
  jobCreationNotifications(): { jobs: JobCreation[]; bytes: number }[] {
    return this.heard
      .filter((item) => item.channel === CHANNELS.jobsCreated)
      .map((item) => ({ jobs: parseJobCreations(item.payload), bytes: Buffer.byteLength(item.payload) }));
  }

  /** The job ids announced on `job_cancellations`, across notifications. */
  cancelledIds(): string[] {
    return this.heard.filter((item) => item.channel === CHANNELS.cancellations).flatMap((item) => parseCancellations(item.payload));
  }

  /** Each `job_logs` notification's jobs, one array per notification. */
  jobLogNotifications(): JobLogNotice[][] {
    return this.heard.filter((item) => item.channel === CHANNELS.jobLogs).map((item) => parseJobLogNotices(item.payload));
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }
}
