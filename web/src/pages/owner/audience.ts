import { ApiError, ownerAudience, type OwnerAudience } from "../../api";
import { h, messageArea, showMessage } from "../../dom";

// How much of the owner's audience's video came from other viewers instead of the CDN, from the swarm snapshots.
// The server counts only increases between snapshots, so when viewers leave the figures err low, never high.

const Days = 30;
const RefreshMs = 10_000;

export function audienceSection(): { element: HTMLElement; stop: () => void } {
  const body = h("div", { id: "audience" }, h("p", {}, "Loading…"));
  const message = messageArea();
  const load = async () => {
    try {
      body.replaceChildren(...audienceView(await ownerAudience(Days)));
      showMessage(message, "");
    } catch (problem) {
      showMessage(message, problem instanceof ApiError ? problem.message : "Could not load your audience.", "error");
    }
  };
  void load();
  const timer = window.setInterval(() => void load(), RefreshMs);
  const element = h("section", { class: "card", "aria-labelledby": "audience-heading" },
    h("h2", { id: "audience-heading" }, `Audience and CDN savings, last ${Days} days`), body, message);
  return { element, stop: () => window.clearInterval(timer) };
}

function audienceView(audience: OwnerAudience): HTMLElement[] {
  const figure = (label: string, text: string, id: string, raw: number | null) =>
    h("div", { class: "figure" }, h("dt", {}, label), h("dd", { id, "data-value": raw === null ? "" : String(raw) }, text));
  const rows = audience.items.map((item) => h("tr", { "data-content": item.contentId },
    h("th", { scope: "row" }, item.title),
    h("td", { class: "number" }, String(item.peakPeers)),
    h("td", { class: "number", "data-bytes": String(item.peerBytes) }, bytes(item.peerBytes)),
    h("td", { class: "number", "data-bytes": String(item.cdnBytes) }, bytes(item.cdnBytes)),
    h("td", { class: "number" }, share(item.peerShare))));
  return [
    h("dl", { class: "figures" },
      figure("P2P share", share(audience.peerShare), "audience-share", audience.peerShare),
      figure("CDN bytes saved", bytes(audience.cdnBytesSaved), "audience-saved", audience.cdnBytesSaved),
      figure("From the CDN", bytes(audience.cdnBytes), "audience-cdn", audience.cdnBytes)),
    audience.items.length === 0 ? h("p", {}, "No content yet.")
      : h("table", { class: "history" },
        h("caption", { class: "visually-hidden" }, "Per item: peak viewers, bytes from peers and from the CDN, P2P share"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Item"), ...["Peak viewers", "From peers", "From the CDN", "P2P share"]
          .map((t) => h("th", { scope: "col", class: "number" }, t)))),
        h("tbody", {}, ...rows)),
    h("p", { class: "hint" }, "“CDN bytes saved” is what viewers got from each other instead of the CDN. Figures grow while people watch."),
  ];
}

function share(value: number | null): string {
  return value === null ? "–" : `${(value * 100).toFixed(1)} %`;
}

function bytes(count: number): string {
  if (count >= 1024 * 1024 * 1024) return `${(count / (1024 * 1024 * 1024)).toFixed(2)} GiB`;
  if (count >= 1024 * 1024) return `${(count / (1024 * 1024)).toFixed(1)} MiB`;
  return `${Math.round(count / 1024)} KiB`;
}
