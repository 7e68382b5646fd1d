import { startPlayback, type Playback } from "./playback";
import { browserNetwork } from "./network";
import { PeerLink, type GroupView } from "./peer-link";

// One viewing: the player and the page's place in the swarm, with a report to the hub every few seconds (FIG. 14).

const ReportIntervalMs = 3_000;

export interface ViewingStatus {
  state: "connecting" | "registered" | "removed" | "disconnected" | "failed";
  peerId: string | null;
  group: GroupView | null;
  cdnBytes: number;
  bufferMs: number;
  stalls: number;
  reports: number;
  message: string | null;
}

export interface ViewingOptions {
  video: HTMLVideoElement;
  contentId: string;
  rendition: string;
  playlistUrl: string;
  token: () => string | null;
  onStatus: (status: ViewingStatus) => void;
}

export function startViewing(options: ViewingOptions): () => void {
  const status: ViewingStatus = { state: "connecting", peerId: null, group: null, cdnBytes: 0, bufferMs: 0, stalls: 0, reports: 0, message: null };
  const publish = () => options.onStatus({ ...status });
  const fail = (message: string) => {
    status.state = "failed";
    status.message = message;
    publish();
  };

  const playback: Playback = startPlayback(options.video, options.playlistUrl, options.token, fail);
  const link = new PeerLink();
  let stopped = false;
  link.onGroupChanged = (group) => {
    status.group = group;
    publish();
  };
  link.onRemoved = (reason) => {
    status.state = "removed";
    status.message = `The swarm removed this viewer: ${reason}`;
    publish();
  };
  link.onClosed = () => {
    if (stopped) return;
    status.state = "disconnected";
    status.message = "Lost the connection to the swarm; playing from the CDN.";
    publish();
  };

  link.register({ contentId: options.contentId, rendition: options.rendition, network: browserNetwork(), playbackToken: options.token() })
    .then((registered) => {
      if (stopped) return;
      status.state = "registered";
      status.peerId = registered.peerId;
      status.group = registered.group;
      publish();
    })
    .catch((problem: Error) => fail(`Could not join the swarm: ${hubMessage(problem)}`));

  let reported = { cdnBytes: 0, stalls: 0 };
  const timer = window.setInterval(() => {
    status.cdnBytes = playback.cdnBytes();
    status.bufferMs = playback.bufferMs();
    status.stalls = playback.stalls();
    publish();
    if (status.state !== "registered") return;
    // The hub adds up what each report says, so a report carries only what happened since the previous one.
    const sent = { cdnBytes: status.cdnBytes, stalls: status.stalls };
    link.report({ neighbours: [], bufferMs: status.bufferMs, stalls: sent.stalls - reported.stalls, cdnBytes: sent.cdnBytes - reported.cdnBytes, peerBytes: 0, activeUploads: 0 })
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
    window.clearInterval(timer);
    playback.destroy();
    void link.close();
  };
}

/** SignalR prefixes the server's words with its own; the viewer needs only the server's. */
function hubMessage(problem: Error): string {
  const marker = "HubException: ";
  const at = problem.message.indexOf(marker);
  return at < 0 ? problem.message : problem.message.slice(at + marker.length);
}
