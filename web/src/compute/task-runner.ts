import { MaxOutputBytes, type JobCode, type TaskMessage, type WorkLease, type WorkResult, type WorkerReply } from "./work-protocol";

// Runs one leased task in a fresh dedicated worker and turns whatever happens into the lease's WorkResult, as the agent
// does: an output, or an error (the task threw, returned something that is not JSON, overran its time).

/** A fresh worker that never says it started (a broken or blocked script) is given up after this long. */
const StartPatienceMs = 10_000;

export interface RunningTask {
  /** Settles with the task's result, or with null when the task was cancelled. */
  readonly result: Promise<WorkResult | null>;
  /** Terminates the worker; the task has no result. */
  cancel(): void;
}

/**
 * A task must end this long before its lease's deadline, so that its result still reaches the server in time: a
 * result that arrives after the deadline is refused, and the unit counts a time-out instead.
 */
export const DeadlineMarginMs = 1_000;

/** How long a task may run: the job's CPU time per unit, or less when the lease's deadline (less the margin) is sooner. */
export function timeAllowed(lease: WorkLease, job: JobCode, now: number): number {
  return Math.min(job.cpuMillisPerUnit, Date.parse(lease.deadline) - DeadlineMarginMs - now);
}

export function runTask(lease: WorkLease, job: JobCode, now: () => number = Date.now): RunningTask {
  // Wall-clock time stands in for CPU time: a browser page has no CPU clock per thread.
  const limitMs = timeAllowed(lease, job, now());
  const worker = new Worker(new URL("./task-worker.ts", import.meta.url), { type: "module" });
  let settle: (result: WorkResult | null) => void = () => {};
  const result = new Promise<WorkResult | null>((resolve) => (settle = resolve));
  let timer = 0;
  let done = false;
  let startedAt = 0;

  const finish = (outcome: WorkResult | null) => {
    if (done) return;
    done = true;
    window.clearTimeout(timer);
    worker.terminate();
    settle(outcome);
  };
  const failed = (error: string, cpuMillis: number) => finish({ leaseId: lease.leaseId, outputJson: null, error, cpuMillis });

  timer = window.setTimeout(() => failed("the task's worker did not start", 0), StartPatienceMs);
  worker.addEventListener("message", (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    if (reply.kind === "started") {
      startedAt = now();
      window.clearTimeout(timer);
      timer = window.setTimeout(() => failed(`time limit of ${limitMs} ms exceeded`, limitMs), Math.max(0, limitMs));
    } else if (reply.kind === "output") {
      finish({ leaseId: lease.leaseId, outputJson: reply.outputJson, error: null, cpuMillis: reply.cpuMillis });
    } else {
      failed(reply.error, reply.cpuMillis);
    }
  });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    failed(`the task's worker failed: ${event.message || "unknown error"}`, startedAt === 0 ? 0 : Math.max(0, now() - startedAt));
  });
  worker.addEventListener("messageerror", () => failed("the task's reply could not be read", 0));

  const message: TaskMessage = { code: job.code, inputJson: lease.inputJson, maxOutputBytes: MaxOutputBytes };
  worker.postMessage(message);
  return { result, cancel: () => finish(null) };
}
