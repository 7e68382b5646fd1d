import type { SegmentStore } from "./segment-store";

// One WebRTC data channel to a group mate, carrying segment requests both ways. A request is a JSON text message;
// the answer is a JSON header ({t:"seg", size} or {t:"miss"}) followed by the bytes in 16 KiB binary chunks. Answers
// go out one at a time per channel, so the chunks that follow a header always belong to it, and the sender waits
// while more than 1 MiB is queued (bufferedAmount), so a slow mate never makes the browser buffer without bound.
// Every 2 s each side pings ({t:"ping"} → {t:"pong"}) to measure the round trip; the pong queues behind the chunks
// already sent, so the figure is the round trip under the channel's current load, which is what a requester waits.

const ChunkBytes = 16 * 1024;
const HighWaterBytes = 1024 * 1024;
const LowWaterBytes = 256 * 1024;
/** The most the server reads of a segment from an origin; a mate announcing more is not believed. */
const MaxSegmentBytes = 32 * 1024 * 1024;
const PingIntervalMs = 2_000;

export interface WebRtcSignal { kind: "webrtc"; description?: RTCSessionDescriptionInit; candidate?: RTCIceCandidateInit }

interface Incoming { request: number; size: number; parts: Uint8Array[]; received: number; resolve: (bytes: ArrayBuffer | null) => void; timer: number }

export class PeerChannel {
  private readonly connection = new RTCPeerConnection({ iceServers: [] });
  private channel: RTCDataChannel | null = null;
  private readonly waitingCandidates: RTCIceCandidateInit[] = [];
  private readonly queue: { request: number; sequence: number }[] = [];
  private serving = false;
  private nextRequest = 1;
  private incoming: Incoming | null = null;
  private readonly awaiting = new Map<number, Incoming>();
  activeUploads = 0;
  /** Smoothed round trip in milliseconds (weight 1/4 on each new sample); null until the first pong. */
  rttMs: number | null = null;
  private ping: { id: number; sentAt: number } | null = null;
  private pingTimer = 0;

  constructor(readonly remoteId: string, initiator: boolean, private readonly signal: (payload: WebRtcSignal) => void, private readonly store: SegmentStore) {
    this.connection.onicecandidate = (event) => {
      if (event.candidate) signal({ kind: "webrtc", candidate: event.candidate.toJSON() });
    };
    if (initiator) {
      this.attach(this.connection.createDataChannel("segments", { ordered: true }));
      void this.connection.createOffer().then(async (offer) => {
        await this.connection.setLocalDescription(offer);
        signal({ kind: "webrtc", description: offer });
      });
    } else {
      this.connection.ondatachannel = (event) => this.attach(event.channel);
    }
  }

  get open(): boolean {
    return this.channel?.readyState === "open";
  }

  async receiveSignal(message: WebRtcSignal): Promise<void> {
    if (message.description) {
      await this.connection.setRemoteDescription(message.description);
      for (const candidate of this.waitingCandidates.splice(0)) await this.connection.addIceCandidate(candidate);
      if (message.description.type === "offer") {
        const answer = await this.connection.createAnswer();
        await this.connection.setLocalDescription(answer);
        this.signal({ kind: "webrtc", description: answer });
      }
    } else if (message.candidate) {
      if (this.connection.remoteDescription) await this.connection.addIceCandidate(message.candidate);
      else this.waitingCandidates.push(message.candidate);
    }
  }

  /** The segment's bytes, or null when the mate doesn't have it, the channel fails or the time runs out. */
  request(sequence: number, timeoutMs: number): Promise<ArrayBuffer | null> {
    if (!this.open) return Promise.resolve(null);
    const request = this.nextRequest++;
    return new Promise((resolve) => {
      const entry: Incoming = { request, size: -1, parts: [], received: 0, resolve, timer: 0 };
      entry.timer = window.setTimeout(() => this.finish(entry, null), timeoutMs);
      this.awaiting.set(request, entry);
      try {
        this.channel!.send(JSON.stringify({ t: "get", r: request, seq: sequence }));
      } catch {
        this.finish(entry, null); // the channel closed in between
      }
    });
  }

  close(): void {
    window.clearInterval(this.pingTimer);
    for (const entry of [...this.awaiting.values()]) this.finish(entry, null);
    this.channel?.close();
    this.connection.close();
  }

  private attach(channel: RTCDataChannel): void {
    this.channel = channel;
    channel.binaryType = "arraybuffer";
    channel.bufferedAmountLowThreshold = LowWaterBytes;
    channel.onmessage = (event) => (typeof event.data === "string" ? this.onText(event.data) : this.onChunk(new Uint8Array(event.data as ArrayBuffer)));
    channel.onopen = () => this.startPinging();
    if (channel.readyState === "open") this.startPinging();
    channel.onclose = () => {
      window.clearInterval(this.pingTimer);
      for (const entry of [...this.awaiting.values()]) this.finish(entry, null);
    };
  }

  private startPinging(): void {
    window.clearInterval(this.pingTimer);
    this.sendPing();
    this.pingTimer = window.setInterval(() => this.sendPing(), PingIntervalMs);
  }

  private sendPing(): void {
    if (!this.open) return;
    // A ping unanswered by the next one is lost (or the mate is stuck): it is not counted, the new one replaces it.
    this.ping = { id: this.nextRequest++, sentAt: performance.now() };
    try {
      this.channel!.send(JSON.stringify({ t: "ping", r: this.ping.id }));
    } catch {
      this.ping = null;
    }
  }

  private onPong(id: number): void {
    if (!this.ping || this.ping.id !== id) return;
    const sample = performance.now() - this.ping.sentAt;
    this.ping = null;
    this.rttMs = this.rttMs === null ? sample : this.rttMs + (sample - this.rttMs) / 4;
  }

  private onText(text: string): void {
    let message: { t: string; r: number; seq?: number; size?: number };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return; // not our protocol: ignored, as a mate that sends garbage gets nothing from it
    }
    if (message.t === "ping" && typeof message.r === "number") {
      try {
        this.channel?.send(JSON.stringify({ t: "pong", r: message.r }));
      } catch {
        // closed meanwhile: no answer is needed
      }
      return;
    }
    if (message.t === "pong") {
      this.onPong(message.r);
      return;
    }
    if (message.t === "get" && typeof message.seq === "number") {
      this.queue.push({ request: message.r, sequence: message.seq });
      void this.serveQueue();
      return;
    }
    const entry = this.awaiting.get(message.r);
    if (message.t === "miss") {
      if (entry) this.finish(entry, null);
    } else if (message.t === "seg" && typeof message.size === "number" && message.size >= 0 && message.size <= MaxSegmentBytes) {
      // An answer to a request already given up on still has its chunks coming: they are counted and dropped.
      const target = entry ?? { request: message.r, size: 0, parts: [], received: 0, resolve: () => {}, timer: 0 };
      target.size = message.size;
      this.incoming = target;
      if (target.size === 0) this.complete(target);
    }
  }

  private onChunk(chunk: Uint8Array): void {
    const entry = this.incoming;
    if (!entry) return;
    entry.received += chunk.byteLength;
    if (this.awaiting.has(entry.request)) entry.parts.push(chunk);
    if (entry.received >= entry.size) this.complete(entry);
  }

  private complete(entry: Incoming): void {
    this.incoming = null;
    if (!this.awaiting.has(entry.request)) return;
    const whole = new Uint8Array(entry.received);
    let at = 0;
    for (const part of entry.parts) {
      whole.set(part, at);
      at += part.byteLength;
    }
    this.finish(entry, whole.buffer);
  }

  private finish(entry: Incoming, bytes: ArrayBuffer | null): void {
    if (!this.awaiting.delete(entry.request)) return;
    window.clearTimeout(entry.timer);
    entry.resolve(bytes);
  }

  private async serveQueue(): Promise<void> {
    if (this.serving) return;
    this.serving = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) await this.serve(next.request, next.sequence);
    } catch {
      // The channel closed mid-answer; the mate times out and asks someone else.
    } finally {
      this.serving = false;
    }
  }

  private async serve(request: number, sequence: number): Promise<void> {
    const channel = this.channel;
    if (!channel || channel.readyState !== "open") return;
    const bytes = this.store.get(sequence);
    if (!bytes) {
      channel.send(JSON.stringify({ t: "miss", r: request }));
      return;
    }
    this.activeUploads += 1;
    try {
      channel.send(JSON.stringify({ t: "seg", r: request, size: bytes.byteLength }));
      for (let at = 0; at < bytes.byteLength; at += ChunkBytes) {
        if (channel.bufferedAmount > HighWaterBytes) await drained(channel);
        if (channel.readyState !== "open") return;
        channel.send(bytes.slice(at, at + ChunkBytes));
      }
    } finally {
      this.activeUploads -= 1;
    }
  }
}

function drained(channel: RTCDataChannel): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      channel.removeEventListener("bufferedamountlow", done);
      channel.removeEventListener("close", done);
      resolve();
    };
    channel.addEventListener("bufferedamountlow", done);
    channel.addEventListener("close", done);
  });
}
