// What this page has received from each group mate since it started watching, for the live panel: totals that only
// grow, and the current rate over a short sliding window. (The hub's reports use SwarmSource's per-report tallies.)

const RateWindowMs = 6_000;

export interface PeerFigures {
  peer: string;
  bytesReceived: number;
  /** Bytes received over the last few seconds, as kilobits per second. */
  rateKbps: number;
  /** Smoothed round trip over the data channel; null until measured. */
  rttMs: number | null;
  failures: number;
  badSegments: number;
  open: boolean;
}

interface Totals { bytes: number; failures: number; badSegments: number; recent: { at: number; bytes: number }[] }

export class PeerStats {
  private readonly totals = new Map<string, Totals>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  received(peer: string, bytes: number): void {
    const totals = this.of(peer);
    totals.bytes += bytes;
    totals.recent.push({ at: this.now(), bytes });
  }

  failed(peer: string): void {
    this.of(peer).failures += 1;
  }

  servedBadSegment(peer: string): void {
    this.of(peer).badSegments += 1;
  }

  /** A row for every current mate and every mate that ever sent something, largest senders first. */
  figures(mates: string[], channel: (peer: string) => { rttMs: number | null; open: boolean } | undefined): PeerFigures[] {
    const since = this.now() - RateWindowMs;
    const peers = new Set([...mates, ...this.totals.keys()]);
    return [...peers].map((peer) => {
      const totals = this.totals.get(peer);
      if (totals) totals.recent = totals.recent.filter((sample) => sample.at >= since);
      const recentBytes = totals?.recent.reduce((sum, sample) => sum + sample.bytes, 0) ?? 0;
      const link = channel(peer);
      return {
        peer, bytesReceived: totals?.bytes ?? 0, rateKbps: Math.round((recentBytes * 8) / RateWindowMs),
        rttMs: link?.rttMs ?? null, failures: totals?.failures ?? 0, badSegments: totals?.badSegments ?? 0, open: link?.open ?? false,
      };
    }).sort((a, b) => b.bytesReceived - a.bytesReceived || a.peer.localeCompare(b.peer));
  }

  private of(peer: string): Totals {
    let totals = this.totals.get(peer);
    if (!totals) this.totals.set(peer, (totals = { bytes: 0, failures: 0, badSegments: 0, recent: [] }));
    return totals;
  }
}
