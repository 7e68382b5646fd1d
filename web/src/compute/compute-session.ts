import { runTask, timeAllowed, type RunningTask } from "./task-runner";
import type { ComputeHub, JobCode, WorkLease, WorkResult } from "./work-protocol";

// One stretch of computing on the page's hub connection, from SetCompute(true) to SetCompute(false): take leases, run
// them one at a time in a fresh worker, hand results in small batches, and rest between tasks for the CPU share.
//
// Why one task at a time with rests, rather than one worker per core (navigator.hardwareConcurrency): the page is
// first of all playing video, and the decoder, hls.js and the data channels need the main thread and a core of their
// own. A duty cycle bounds what computing takes whatever the device reports (hardwareConcurrency is often capped or
// rounded for privacy), and on a phone with few cores a second busy worker would already cost frames.

/** Leases held at once: the one running and the next, so a finished task is followed at once without hoarding units. */
const LeaseSlots = 2;
/** Results wait at most this long (or for this many) before they are handed in. */
const SubmitEveryMs = 1_000;
const ResultsPerSubmit = 10;
/** Idle peers ask again at least this often even without a WorkAvailable push. */
const MinRetryMs = 250;
const MaxRetryMs = 15_000;

/** What computing has come to since the viewer switched it on; sessions (one per stretch of playing) add to it. */
export interface ComputeFigures { done: number; failed: number; skipped: number; refused: number; running: boolean; message: string | null }

export class ComputeSession {
  private readonly codes = new Map<string, JobCode>();
  private readonly queue: WorkLease[] = [];
  private pending: WorkResult[] = [];
  private current: RunningTask | null = null;
  private stopped = false;
  private wake: () => void = () => {};
  /** Whether the current rest is waiting for work (a push ends it) rather than resting for the CPU share. */
  private idle = false;
  private submitTimer = 0;

  constructor(
    private readonly hub: ComputeHub,
    private readonly share: () => number,
    private readonly figures: ComputeFigures,
    private readonly onChange: () => void,
  ) {}

  async start(): Promise<void> {
    this.hub.onWorkAvailable(() => {
      if (this.idle) this.wake();
    });
    try {
      await this.hub.setCompute(true);
    } catch (problem) {
      this.figures.message = `Compute could not start: ${hubMessage(problem)}`;
      this.onChange();
      return;
    }
    if (this.stopped) return;
    this.figures.running = true;
    this.onChange();
    this.submitTimer = window.setInterval(() => void this.submit(), SubmitEveryMs);
    void this.loop();
  }

  /**
   * No new leases; the running task is terminated (its lease goes back to the server at its deadline or when the page
   * leaves), finished results are handed in and compute is switched off. The hub calls are sent before this returns,
   * so a Withdraw that follows on the same connection comes after them.
   */
  stop(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.stopped = true;
    this.figures.running = false;
    window.clearInterval(this.submitTimer);
    this.hub.onWorkAvailable(() => {});
    this.current?.cancel();
    this.wake();
    const handedIn = this.submit();
    const off = this.hub.setCompute(false).catch(() => {});
    this.onChange();
    return Promise.all([handedIn, off]).then(() => {});
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const lease = this.queue.shift() ?? (await this.lease());
      if (this.stopped || lease === null) continue;
      const job = this.codes.get(lease.jobId);
      if (job === undefined || timeAllowed(lease, job, Date.now()) <= 0) {
        // Too late to run and still hand in before the deadline: the server reissues it at its deadline.
        this.figures.skipped += 1;
        continue;
      }
      const started = performance.now();
      this.current = runTask(lease, job);
      const result = await this.current.result;
      this.current = null;
      // A result that finished as the page stopped computing would be refused now that compute is off.
      if (result === null || this.stopped) continue;
      if (result.error === null) this.figures.done += 1;
      else this.figures.failed += 1;
      this.pending.push(result);
      this.onChange();
      // A result whose deadline is near goes at once rather than with the next regular batch.
      const nearDeadline = Date.parse(lease.deadline) - Date.now() < 2 * SubmitEveryMs;
      if (this.pending.length >= ResultsPerSubmit || nearDeadline) void this.submit();
      await this.rest(restAfter(performance.now() - started, this.share()), false);
    }
  }

  /** The next lease, waiting for work when there is none; null when stopped meanwhile. */
  private async lease(): Promise<WorkLease | null> {
    try {
      const batch = await this.hub.requestWork(LeaseSlots);
      for (const job of batch.jobs) this.codes.set(job.jobId, job);
      if (batch.leases.length > 0) {
        this.queue.push(...batch.leases.slice(1));
        return batch.leases[0];
      }
      await this.rest(Math.min(MaxRetryMs, Math.max(MinRetryMs, batch.retryAfterMs)), true);
    } catch (problem) {
      this.figures.message = `The server did not give work: ${hubMessage(problem)}`;
      this.onChange();
      await this.rest(MaxRetryMs, true);
    }
    return null;
  }

  /** Waits, cut short by stop(), and when `idle` also by a WorkAvailable push. */
  private rest(ms: number, idle: boolean): Promise<void> {
    if (ms <= 0 || this.stopped) return Promise.resolve();
    this.idle = idle;
    return new Promise((resolve) => {
      const done = () => {
        this.idle = false;
        window.clearTimeout(timer);
        resolve();
      };
      const timer = window.setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async submit(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      const receipt = await this.hub.submitResults(batch);
      this.figures.refused += receipt.refused.length;
      if (receipt.refused.length > 0) this.figures.message = `The server refused a result: ${receipt.refused[0].reason}`;
    } catch (problem) {
      // The leases expire and their units go to other peers; nothing to retry.
      this.figures.refused += batch.length;
      this.figures.message = `Results could not be handed in: ${hubMessage(problem)}`;
    }
    this.onChange();
  }
}

/**
 * The rest after a task that took `taskMs` at a CPU share of `share` (0 < share ≤ 1): busy `taskMs` out of every
 * `taskMs / share`, so computing takes that share of one core on average.
 */
export function restAfter(taskMs: number, share: number): number {
  if (share >= 1) return 0;
  return Math.round((taskMs * (1 - share)) / share);
}

/** SignalR prefixes the server's words with its own; the viewer needs only the server's. */
function hubMessage(problem: unknown): string {
  const text = problem instanceof Error ? problem.message : String(problem);
  const marker = "HubException: ";
  const at = text.indexOf(marker);
  return at < 0 ? text : text.slice(at + marker.length);
}
