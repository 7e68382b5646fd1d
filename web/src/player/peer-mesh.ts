import { PeerChannel, type WebRtcSignal } from "./peer-channel";
import type { SegmentStore } from "./segment-store";

// A data channel to every group mate, kept in step with the hub's GroupChanged. Offers, answers and ICE candidates
// travel through the hub's Signal as {"kind":"webrtc", …}; of two mates the one with the smaller peer id makes the
// offer, so they never both do. Agents have no data channels: a mate known to serve over HTTP (its "http-endpoint"
// signal, see http-peer.ts) gets none.

export class PeerMesh {
  private readonly channels = new Map<string, PeerChannel>();

  constructor(
    private readonly selfId: string, private readonly send: (to: string, payload: string) => void, private readonly store: SegmentStore,
    private readonly servesOverHttp: (peer: string) => boolean = () => false,
  ) {}

  updateMembers(members: string[]): void {
    const wanted = new Set(members.filter((member) => member !== this.selfId));
    for (const [peer, channel] of this.channels) {
      if (!wanted.has(peer)) {
        channel.close();
        this.channels.delete(peer);
      }
    }
    for (const peer of wanted) {
      if (!this.channels.has(peer) && this.selfId < peer && !this.servesOverHttp(peer)) this.channels.set(peer, this.create(peer, true));
    }
  }

  receiveSignal(from: string, payload: string): void {
    let message: WebRtcSignal;
    try {
      message = JSON.parse(payload) as WebRtcSignal;
    } catch {
      return;
    }
    if (!message || message.kind !== "webrtc" || this.servesOverHttp(from)) return;
    let channel = this.channels.get(from);
    if (!channel) {
      channel = this.create(from, false);
      this.channels.set(from, channel);
    }
    void channel.receiveSignal(message).catch(() => {});
  }

  channel(peer: string): PeerChannel | undefined {
    return this.channels.get(peer);
  }

  remove(peer: string): void {
    this.channels.get(peer)?.close();
    this.channels.delete(peer);
  }

  get activeUploads(): number {
    let total = 0;
    for (const channel of this.channels.values()) total += channel.activeUploads;
    return total;
  }

  get openChannels(): number {
    let open = 0;
    for (const channel of this.channels.values()) if (channel.open) open += 1;
    return open;
  }

  close(): void {
    for (const channel of this.channels.values()) channel.close();
    this.channels.clear();
  }

  private create(peer: string, initiator: boolean): PeerChannel {
    return new PeerChannel(peer, initiator, (signal) => this.send(peer, JSON.stringify(signal)), this.store);
  }
}
