// The compute half of the peer hub as the browser speaks it (src/GridStream.Domain/Compute/Protocol/WorkProtocol.cs).
// Times are milliseconds; leases' deadlines are ISO 8601 text.

export interface JobCode { jobId: string; code: string; codeSha256: string; cpuMillisPerUnit: number; memoryMegabytesPerUnit: number }
export interface WorkLease { leaseId: number; jobId: string; unitIndex: number; inputJson: string; deadline: string }
export interface WorkBatch { jobs: JobCode[]; leases: WorkLease[]; retryAfterMs: number }
export interface WorkResult { leaseId: number; outputJson: string | null; error: string | null; cpuMillis: number }
export interface ResultsReceipt { recorded: number; refused: { leaseId: number; reason: string }[] }

/** What a compute session needs from the page's hub connection. */
export interface ComputeHub {
  setCompute(enabled: boolean): Promise<void>;
  requestWork(slots: number): Promise<WorkBatch>;
  submitResults(results: WorkResult[]): Promise<ResultsReceipt>;
  /** Called when the server says there is new or reissued work; replaces any earlier handler. */
  onWorkAvailable(handler: () => void): void;
}

/** The agent's limit on one output (ComputeLoop.MaxOutputBytes); the server refuses larger ones too. */
export const MaxOutputBytes = 256 * 1024;

/** Messages between the page and its task worker. */
export interface TaskMessage { code: string; inputJson: string; maxOutputBytes: number }
export type WorkerReply =
  | { kind: "started" }
  | { kind: "output"; outputJson: string; cpuMillis: number }
  | { kind: "error"; error: string; cpuMillis: number };
