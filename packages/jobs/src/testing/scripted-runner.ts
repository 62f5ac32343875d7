import type { AttemptOutcome, AttemptRunner, AttemptSettlement, ClaimedJob } from '../execution/attempt.js';

/** A promise a test opens when it chooses. */
export class Gate {
  readonly opened: Promise<void>;
  open: () => void = () => undefined;

  constructor() {
    this.opened = new Promise<void>((resolve) => (this.open = resolve));
  }
}

/** A worker's runner whose attempts do what the test's script says, and which remembers what it ran and how each attempt was recorded. */
export class ScriptedRunner implements AttemptRunner {
  readonly started: ClaimedJob[] = [];
  private readonly settlements: { jobId: string; settlement: AttemptSettlement }[] = [];

  constructor(private readonly script: (job: ClaimedJob) => Promise<AttemptOutcome>) {}

  run(job: ClaimedJob): Promise<AttemptOutcome> {
    this.started.push(job);
    return this.script(job);
  }

  settled(job: ClaimedJob, settlement: AttemptSettlement): void {
    this.settlements.push({ jobId: job.id, settlement });
  }

  /** How each attempt of the job was recorded, in order. */
  settlementsOf(jobId: string): AttemptSettlement['status'][] {
    return this.settlements.filter((entry) => entry.jobId === jobId).map((entry) => entry.settlement.status);
  }
}
