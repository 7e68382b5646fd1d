import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import type { ComputeHub, ResultsReceipt, WorkBatch, WorkResult } from "../compute/work-protocol";
import type { DeclaredNetwork } from "./network";

// The browser's side of the peer hub at /hubs/peer, speaking the same messages as the headless agent
// (src/GridStream.Domain/Swarms/Protocol/PeerProtocol.cs). The session cookie signs the connection in.

export interface GroupView { contentId: string; rendition: string; groupId: number; members: string[] }
export interface SegmentSources { sequence: number; durationMs: number; url: string; sha256: string; designatedFetcher: string; fetchFromCdn: boolean; peers: string[] }
export interface SourcePlan { contentId: string; rendition: string; segments: SegmentSources[] }
export interface RegisterResponse { peerId: string; group: GroupView; firstPlan: SourcePlan }
export interface NeighbourReport { peer: string; bytesReceived: number; rateKbps: number; rttMs: number; successes: number; failures: number; badSegments: number }
export interface PeerReport { neighbours: NeighbourReport[]; bufferMs: number; stalls: number; cdnBytes: number; peerBytes: number; activeUploads: number }

export interface Registration { contentId: string; rendition: string; network: DeclaredNetwork; playbackToken: string | null }

export class PeerLink implements ComputeHub {
  private readonly connection: HubConnection;
  private workAvailable: () => void = () => {};
  onGroupChanged: (group: GroupView) => void = () => {};
  onRemoved: (reason: string) => void = () => {};
  onSignal: (from: string, payload: string) => void = () => {};
  onClosed: (problem?: Error) => void = () => {};

  constructor() {
    this.connection = new HubConnectionBuilder().withUrl("/hubs/peer").configureLogging(LogLevel.Warning).build();
    this.connection.on("GroupChanged", (group: GroupView) => this.onGroupChanged(group));
    this.connection.on("Removed", (reason: string) => this.onRemoved(reason));
    this.connection.on("SignalReceived", (signal: { from: string; payload: string }) => this.onSignal(signal.from, signal.payload));
    this.connection.on("WorkAvailable", () => this.workAvailable());
    this.connection.onclose((problem) => this.onClosed(problem));
  }

  async register(registration: Registration): Promise<RegisterResponse> {
    if (this.connection.state === HubConnectionState.Disconnected) await this.connection.start();
    return this.connection.invoke<RegisterResponse>("Register", {
      watching: { contentId: registration.contentId, rendition: registration.rendition },
      network: registration.network,
      holding: null,
      computeEnabled: false,
      playbackToken: registration.playbackToken,
      // Browsers pass segments to browsers over data channels and fetch from agents over HTTP; agents can't open a data channel.
      serves: ["webrtc"],
      fetches: ["webrtc", "http"],
    });
  }

  requestSources(fromSequence: number, count: number): Promise<SourcePlan> {
    return this.connection.invoke<SourcePlan>("RequestSources", { fromSequence, count });
  }

  /** Fire and forget, like the agent: the server drops a signal whose recipient has left the group meanwhile. */
  signal(to: string, payload: string): void {
    if (this.connection.state === HubConnectionState.Connected) void this.connection.send("Signal", to, payload).catch(() => {});
  }

  report(report: PeerReport): Promise<void> {
    return this.connection.invoke("Report", report);
  }

  async setCompute(enabled: boolean): Promise<void> {
    await this.connection.invoke("SetCompute", { enabled });
  }

  requestWork(slots: number): Promise<WorkBatch> {
    return this.connection.invoke<WorkBatch>("RequestWork", { slots });
  }

  submitResults(results: WorkResult[]): Promise<ResultsReceipt> {
    return this.connection.invoke<ResultsReceipt>("SubmitResults", results);
  }

  onWorkAvailable(handler: () => void): void {
    this.workAvailable = handler;
  }

  async close(): Promise<void> {
    if (this.connection.state === HubConnectionState.Connected) {
      await this.connection.invoke("Withdraw").catch(() => {});
    }
    await this.connection.stop();
  }
}
