import type { HttpAnswer, HttpPeers } from "./http-peer";
import type { NeighbourReport, PeerLink, SegmentSources } from "./peer-link";
import type { PeerMesh } from "./peer-mesh";
import { PeerStats } from "./peer-stats";
import { sha256Hex, SegmentStore } from "./segment-store";

// Where each segment comes from (DESIGN §5): the hub's source plan names the member that fetches it from the CDN;
// the others ask the ranked group mates — browsers over their data channels, agents over HTTP (http-peer.ts) —
// asking again while the designated fetcher may still be getting it, and give up to the CDN when the buffer runs low
// or they have waited two segment durations.
// Every copy from a mate is checked against the manifest's SHA-256 before the player sees it; a bad copy is counted
// against the mate, who is not asked again.

const PlanBatch = 10;
const RequestTimeoutMs = 4_000;
const RetryPauseMs = 200;
const MinLowBufferMs = 3_000;
/** Live, the buffer cannot grow past the live edge anyway: wait for mates until only this much is left. */
const LiveLowBufferMs = 2_000;
/** How long a live segment's plan is waited for: the hub reads the origin's playlist about once per segment duration. */
const LivePlanWaitMs = 4_000;
const PlanRetryMs = 300;
const UnverifiedCapacity = 30;

interface Tally { bytes: number; successes: number; failures: number; badSegments: number; elapsedMs: number }

export class SwarmSource {
  readonly store = new SegmentStore();
  readonly peerStats = new PeerStats();
  private readonly plans = new Map<number, SegmentSources>();
  private readonly badPeers = new Set<string>();
  private readonly unverified = new Map<number, ArrayBuffer>();
  private tallies = new Map<string, Tally>();
  cdnBytes = 0;
  peerBytes = 0;
  badSegments = 0;
  mesh: PeerMesh | null = null;
  http: HttpPeers | null = null;
  link: PeerLink | null = null;
  selfId: string | null = null;
  /** Set once hls.js has read the media playlist: a live stream's newest segments can be ahead of the hub's manifest. */
  live = false;

  constructor(private readonly bufferMs: () => number) {}

  addPlan(segments: SegmentSources[]): void {
    for (const segment of segments) {
      this.plans.set(segment.sequence, segment);
      const early = this.unverified.get(segment.sequence);
      if (early) {
        this.unverified.delete(segment.sequence);
        void this.keep(segment.sequence, early);
      }
    }
  }

  /** The verified bytes from a group mate, or null: then the caller fetches from the CDN. */
  async fromPeers(sequence: number): Promise<ArrayBuffer | null> {
    const planDeadline = performance.now() + LivePlanWaitMs;
    const plan = await this.planFor(sequence, () => this.live && performance.now() < planDeadline && this.bufferMs() > LiveLowBufferMs);
    if (!plan || !this.mesh || plan.fetchFromCdn || plan.designatedFetcher === this.selfId) return null;
    const deadline = performance.now() + Math.max(2 * plan.durationMs, 2_000);
    // On demand, hls.js loads one segment at a time, so time spent waiting for mates is time the buffer isn't growing:
    // wait only while more than two segments are buffered. Live, the buffer is bounded by the live edge and every
    // mate asks for the newest segment the moment it appears, when the designated fetcher may not have it yet.
    const lowBufferMs = this.live ? LiveLowBufferMs : Math.max(2 * plan.durationMs, MinLowBufferMs);
    while (performance.now() < deadline && this.bufferMs() > lowBufferMs) {
      for (const peer of plan.peers) {
        if (this.badPeers.has(peer)) continue;
        const started = performance.now();
        const answer = await this.ask(peer, sequence);
        if (!answer || !("bytes" in answer)) {
          // Not there yet is no fault of the mate's; no answer in time, or a refused connection, is.
          if (answer && "failed" in answer) {
            this.tally(peer).failures += 1;
            this.peerStats.failed(peer);
          }
          continue;
        }
        const bytes = answer.bytes;
        const tally = this.tally(peer);
        if ((await sha256Hex(bytes)) !== plan.sha256) {
          tally.badSegments += 1;
          this.badSegments += 1;
          this.badPeers.add(peer);
          this.peerStats.servedBadSegment(peer);
          continue;
        }
        tally.bytes += bytes.byteLength;
        tally.successes += 1;
        tally.elapsedMs += performance.now() - started;
        this.peerBytes += bytes.byteLength;
        this.peerStats.received(peer, bytes.byteLength);
        this.store.put(sequence, bytes);
        return bytes;
      }
      await new Promise((resolve) => setTimeout(resolve, RetryPauseMs));
    }
    return null;
  }

  /** Asks one mate over the way it serves: HTTP for an agent that announced an endpoint, else its data channel (null: none open). */
  private async ask(peer: string, sequence: number): Promise<HttpAnswer | null> {
    if (this.http?.has(peer)) return this.http.request(peer, sequence, RequestTimeoutMs);
    const channel = this.mesh?.channel(peer);
    if (!channel?.open) return null;
    const started = performance.now();
    const bytes = await channel.request(sequence, RequestTimeoutMs);
    if (bytes) return { bytes };
    return performance.now() - started >= RequestTimeoutMs ? { failed: true } : { missing: true };
  }

  /** A copy from the CDN: counted, and kept to serve to mates when it matches the manifest. */
  async fromCdn(sequence: number, bytes: ArrayBuffer): Promise<void> {
    this.cdnBytes += bytes.byteLength;
    await this.keep(sequence, bytes);
  }

  private async keep(sequence: number, bytes: ArrayBuffer): Promise<void> {
    const plan = this.plans.get(sequence);
    if (!plan) {
      // Fetched before the page had registered: kept until a plan brings the hash to check it against.
      this.unverified.set(sequence, bytes);
      if (this.unverified.size > UnverifiedCapacity) this.unverified.delete(this.unverified.keys().next().value as number);
      return;
    }
    if ((await sha256Hex(bytes)) === plan.sha256) this.store.put(sequence, bytes);
  }

  /** What each mate did since the last report (FIG. 14); the tallies start again. */
  takeNeighbourReports(): NeighbourReport[] {
    const reports = [...this.tallies].map(([peer, t]) => ({
      peer, bytesReceived: t.bytes, successes: t.successes, failures: t.failures, badSegments: t.badSegments,
      rttMs: Math.round(this.mesh?.channel(peer)?.rttMs ?? 0),
      rateKbps: t.elapsedMs > 0 ? Math.round((t.bytes * 8) / t.elapsedMs) : 0,
    }));
    this.tallies = new Map();
    return reports;
  }

  private tally(peer: string): Tally {
    let tally = this.tallies.get(peer);
    if (!tally) this.tallies.set(peer, (tally = { bytes: 0, successes: 0, failures: 0, badSegments: 0, elapsedMs: 0 }));
    return tally;
  }

  /** The segment's plan, asked for again while keepTrying() says so: a newest live segment may not be in the hub's manifest yet. */
  private async planFor(sequence: number, keepTrying: () => boolean): Promise<SegmentSources | null> {
    for (;;) {
      const known = this.plans.get(sequence);
      if (known || !this.link || !this.selfId) return known ?? null;
      try {
        this.addPlan((await this.link.requestSources(sequence, PlanBatch)).segments);
      } catch {
        return null; // no plan (rate limit, reconnecting): the CDN it is
      }
      if (this.plans.has(sequence) || !keepTrying()) return this.plans.get(sequence) ?? null;
      await new Promise((resolve) => setTimeout(resolve, PlanRetryMs));
    }
  }
}
