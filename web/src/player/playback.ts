import Hls, { type ErrorData } from "hls.js";
import { swarmFragmentLoader } from "./swarm-loader";
import type { SwarmSource } from "./swarm-source";

// hls.js playing one rendition's media playlist from the origin ("CDN"). Segments of priced items need the playback
// token, sent as the X-Playback-Token header the origin accepts, so the token never lands in playlist URLs or logs.

export interface Playback {
  /** Times playback ran dry after it had started. */
  readonly stalls: () => number;
  /** Media buffered ahead of the playhead, in whole milliseconds. */
  readonly bufferMs: () => number;
  destroy(): void;
}

export function startPlayback(
  video: HTMLVideoElement, playlistUrl: string, token: () => string | null, swarm: SwarmSource, onFatal: (message: string) => void,
): Playback {
  let stalls = 0;
  let started = false;
  const hls = new Hls({
    fLoader: swarmFragmentLoader(swarm),
    // Live, play four segments behind the edge (hls.js's default is three): the extra segment is the time the group
    // has to pass each new segment from its designated fetcher to everyone else before anyone must turn to the CDN.
    liveSyncDurationCount: 4,
    xhrSetup: (xhr, url) => {
      // hls.js opens the request itself after this hook unless the hook did; a header needs an opened request.
      xhr.open("GET", url, true);
      const current = token();
      if (current) xhr.setRequestHeader("X-Playback-Token", current);
    },
  });
  hls.on(Hls.Events.LEVEL_LOADED, (_, data) => (swarm.live = data.details.live));
  hls.on(Hls.Events.ERROR, (_, data: ErrorData) => {
    if (data.fatal) onFatal(`Playback failed: ${data.details}${data.response ? ` (HTTP ${data.response.code})` : ""}`);
  });
  const onPlaying = () => (started = true);
  const onWaiting = () => {
    if (started && !video.ended) stalls += 1;
  };
  video.addEventListener("playing", onPlaying);
  video.addEventListener("waiting", onWaiting);
  hls.loadSource(playlistUrl);
  hls.attachMedia(video);
  hls.on(Hls.Events.MANIFEST_PARSED, () => {
    video.play().catch(() => {
      // Autoplay refused (sound on, no gesture yet): the controls stay there for the viewer to press play.
    });
  });

  return {
    stalls: () => stalls,
    bufferMs: () => bufferedAhead(video),
    destroy: () => {
      video.removeEventListener("playing", onPlaying);
      video.removeEventListener("waiting", onWaiting);
      hls.destroy();
    },
  };
}

export function bufferedAhead(video: HTMLVideoElement): number {
  for (let i = 0; i < video.buffered.length; i++) {
    if (video.buffered.start(i) <= video.currentTime && video.currentTime <= video.buffered.end(i)) {
      return Math.round((video.buffered.end(i) - video.currentTime) * 1000);
    }
  }
  return 0;
}

export const playbackSupported = (): boolean => Hls.isSupported();
