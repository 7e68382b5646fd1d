import { ApiError, buyLicense, contentItem, playbackInfo, type CatalogItem, type PlaybackRendition } from "../api";
import { computePanel } from "../compute/compute-panel";
import { creditsLabel } from "../credits";
import { field, h, messageArea, showMessage } from "../dom";
import { livePanel } from "./live-panel";
import { playbackSupported } from "../player/playback";
import { TokenKeeper } from "../player/token-keeper";
import { startViewing } from "../player/viewing";
import { isViewer, signedInUser } from "../session";
import { requireSignIn } from "./account";
import { navigate } from "../router";

export async function renderWatch(main: HTMLElement, params: Record<string, string>): Promise<(() => void) | void> {
  if (!signedInUser()) return requireSignIn();
  const item = await contentItem(params.id);
  main.append(h("h1", {}, item.title));
  if (!isViewer()) {
    main.append(h("p", {}, "Sign in with a viewer account to watch."));
    return;
  }
  if (item.priceMicroCredits > 0 && item.licensed !== true) {
    renderBuyOffer(main, item);
    return;
  }
  if (!playbackSupported()) {
    main.append(h("p", { class: "message", "data-kind": "error" }, "This browser has no Media Source Extensions, which the player needs."));
    return;
  }
  return renderPlayer(main, item);
}

function renderBuyOffer(main: HTMLElement, item: CatalogItem): void {
  const terms = item.licenseDays === null ? "to keep" : `for ${item.licenseDays} days`;
  const buy = h("button", { type: "button", id: "buy" }, `Buy for ${creditsLabel(item.priceMicroCredits)}`);
  const message = messageArea();
  // One key per offer shown: pressing twice (or retrying after a lost answer) buys once.
  const idempotencyKey = crypto.randomUUID();
  buy.addEventListener("click", async () => {
    buy.disabled = true;
    showMessage(message, "Buying…");
    try {
      await buyLicense(item.id, idempotencyKey);
      navigate(`/watch/${item.id}`);
    } catch (problem) {
      const text = problem instanceof ApiError && problem.status === 402
        ? "Not enough credits in your wallet. Earn credits by computing while you watch free content."
        : problem instanceof ApiError ? problem.message : "Could not reach the server.";
      showMessage(message, text, "error");
      buy.disabled = false;
    }
  });
  main.append(h("section", { class: "card narrow buy-offer", "aria-labelledby": "offer-heading" },
    h("h2", { id: "offer-heading" }, "You don't own this yet"),
    h("p", {}, `A license ${terms} costs ${creditsLabel(item.priceMicroCredits)}, paid from your wallet.`),
    buy, message,
    h("p", {}, h("a", { href: "/wallet", "data-link": true }, "See your wallet"))));
}

async function renderPlayer(main: HTMLElement, item: CatalogItem): Promise<() => void> {
  const tokens = await TokenKeeper.start(item.id);
  const info = await playbackInfo(item.id);
  const renditions = [...info.renditions].sort((a, b) => a.bandwidth - b.bandwidth);
  const video = h("video", { id: "player", controls: true, muted: true, autoplay: true, playsinline: true, "aria-label": `Video: ${item.title}` });
  video.muted = true; // the attribute alone does not mute a video created by script; autoplay needs it muted
  const quality = h("select", { id: "rendition" }, ...renditions.map((r) => h("option", { value: r.name }, describe(r))));
  const panel = livePanel();
  const compute = computePanel(video);
  main.append(h("div", { class: "watch" }, h("div", { class: "screen" }, video), h("aside", { class: "card side" }, field("Quality", quality), panel.element, compute.element)));

  let stopViewing = () => {};
  const start = (rendition: PlaybackRendition) => {
    stopViewing();
    stopViewing = startViewing({
      video, contentId: item.id, rendition: rendition.name, playlistUrl: rendition.playlistUrl,
      token: () => tokens.current(), onStatus: panel.update, onLink: compute.attach,
    });
  };
  quality.addEventListener("change", () => start(renditions.find((r) => r.name === quality.value)!));
  if (renditions.length === 0) {
    panel.update({
      state: "failed", peerId: null, group: null, openChannels: 0, cdnBytes: 0, peerBytes: 0, badSegments: 0, bufferMs: 0, stalls: 0, reports: 0, peers: [],
      message: "This item has no playable renditions yet.",
    });
  } else {
    start(renditions[0]);
  }
  return () => {
    compute.close();
    stopViewing();
    tokens.stop();
  };
}

function describe(rendition: PlaybackRendition): string {
  const kbps = Math.round(rendition.bandwidth / 1000);
  return `${rendition.resolution ?? rendition.name} · ${kbps} kbit/s`;
}
