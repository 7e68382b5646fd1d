import { bufferedAhead, startPlayback, type Playback } from "./playback";
import { browserNetwork } from "./network";
import { PeerLink, type GroupView } from "./peer-link";
import { HttpPeers } from "./http-peer";
import { PeerMesh } from "./peer-mesh";
import type { PeerFigures } from "./peer-stats";
import { SwarmSource } from "./swarm-source";

// One viewing: the player, the page's place in the swarm and its data channels to the group mates (HTTP to the
// agents among them), with a report to the hub every few seconds (FIG. 14). The figures shown refresh every second,
// more often than reports go out.

const ReportIntervalMs = 3_000;
const RefreshIntervalMs = 1_000;

export interface ViewingStatus {
  state: "connecting" | "registered" | "removed" | "disconnected" | "failed";
  peerId: string | null;
  group: GroupView | null;
  openChannels: number;
  cdnBytes: number;
  peerBytes: number;
  badSegments: number;
  bufferMs: number;
  stalls: number;
  reports: number;
  /** What came from each group mate (and any former mate that sent something). */
  peers: PeerFigures[];
  message: string | null;
}

export interface ViewingOptions {
  video: HTMLVideoElement;
  contentId: string;
  rendition: string;
  playlistUrl: string;
  token: () => string | null;
  onStatus: (status: ViewingStatus) => void;
  /** The hub connection once registered, and null when it is gone; compute (web/src/compute) runs on it. */
  onLink?: (link: PeerLink | null) => void;
}

export function startViewing(options: ViewingOptions): () => void {
  const status: ViewingStatus = {
    state: "connecting", peerId: null, group: null, openChannels: 0, cdnBytes: 0, peerBytes: 0, badSegments: 0, bufferMs: 0, stalls: 0, reports: 0, peers: [], message: null,
  };
  const publish = () => options.onStatus({ ...status });
  const fail = (message: string) => {
    status.state = "failed";
    status.message = message;
    publish();
  };

  const swarm = new SwarmSource(() => bufferedAhead(options.video));
  const agents = new HttpPeers(options.contentId, options.rendition);
  const playback: Playback = startPlayback(options.video, options.playlistUrl, options.token, swarm, fail);
  const link = new PeerLink();
  let stopped = false;
  link.onGroupChanged = (group) => {
    status.group = group;
    agents.keepOnly(group.members);
    swarm.mesh?.updateMembers(group.members);
    publish();
  };
  link.onSignal = (from, payload) => {
    // An agent's endpoint: no data channel for it, its segments come over HTTP.
    if (agents.receiveSignal(from, payload)) swarm.mesh?.remove(from);
    else swarm.mesh?.receiveSignal(from, payload);
  };
  link.onRemoved = (reason) => {
    status.state = "removed";
    status.message = `The swarm removed this viewer: ${reason}`;
    options.onLink?.(null);
    swarm.mesh?.close();
    swarm.mesh = null;
    publish();
  };
  link.onClosed = () => {
    if (stopped) return;
    status.state = "disconnected";
    status.message = "Lost the connection to the swarm; playing from the CDN.";
    options.onLink?.(null);
    swarm.mesh?.close();
    swarm.mesh = null;
    publish();
  };

  link.register({ contentId: options.contentId, rendition: options.rendition, network: browserNetwork(), playbackToken: options.token() })
    .then((registered) => {
      if (stopped) return;
      status.state = "registered";
      status.peerId = registered.peerId;
      status.group = registered.group;
      swarm.selfId = registered.peerId;
      swarm.link = link;
      swarm.http = agents;
      swarm.addPlan(registered.firstPlan.segments);
      swarm.mesh = new PeerMesh(registered.peerId, (to, payload) => link.signal(to, payload), swarm.store, (peer) => agents.has(peer));
      swarm.mesh.updateMembers(registered.group.members);
      publish();
      options.onLink?.(link);
    })
    .catch((problem: Error) => fail(`Could not join the swarm: ${hubMessage(problem)}`));

  const refresh = () => {
    const mates = (status.group?.members ?? []).filter((member) => member !== status.peerId);
    Object.assign(status, {
      cdnBytes: swarm.cdnBytes, peerBytes: swarm.peerBytes, badSegments: swarm.badSegments, openChannels: swarm.mesh?.openChannels ?? 0,
      bufferMs: playback.bufferMs(), stalls: playback.stalls(), peers: swarm.peerStats.figures(mates, (peer) => swarm.mesh?.channel(peer)),
    });
    publish();
  };
  const refreshTimer = window.setInterval(refresh, RefreshIntervalMs);

  let reported = { cdnBytes: 0, peerBytes: 0, stalls: 0 };
  const timer = window.setInterval(() => {
    refresh();
    if (status.state !== "registered") return;
    // The hub adds up what each report says, so a report carries only what happened since the previous one.
    const sent = { cdnBytes: status.cdnBytes, peerBytes: status.peerBytes, stalls: status.stalls };
    // The hub refuses a whole report that names anyone outside the group: a mate that has just left goes unreported.
    const members = new Set(status.group?.members ?? []);
    link.report({
      neighbours: swarm.takeNeighbourReports().filter((n) => members.has(n.peer)), bufferMs: status.bufferMs, stalls: sent.stalls - reported.stalls,
      cdnBytes: sent.cdnBytes - reported.cdnBytes, peerBytes: sent.peerBytes - reported.peerBytes, activeUploads: swarm.mesh?.activeUploads ?? 0,
    })
      .then(() => {
        reported = sent;
        status.reports += 1;
        publish();
      })
      .catch((problem: Error) => {
        status.message = `A report was refused: ${hubMessage(problem)}`;
        publish();
      });
  }, ReportIntervalMs);

  return () => {
    stopped = true;
    // Compute hands in its results on the connection before the Withdraw below goes out on it.
    options.onLink?.(null);
    window.clearInterval(timer);
    window.clearInterval(refreshTimer);
    playback.destroy();
    swarm.mesh?.close();
    void link.close();
  };
}

/** SignalR prefixes the server's words with its own; the viewer needs only the server's. */
function hubMessage(problem: Error): string {
  const marker = "HubException: ";
  const at = problem.message.indexOf(marker);
  return at < 0 ? problem.message : problem.message.slice(at + marker.length);
}
