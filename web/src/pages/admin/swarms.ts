import { ApiError, catalog, swarms, type SwarmView } from "../../api";
import { h } from "../../dom";
import { basisPoints, bytes } from "./format";

// Every swarm the server holds, per content and rendition: its peers, how they are grouped, and how much of what
// they watched came from each other rather than the CDN. Refreshed every few seconds.

const RefreshMs = 3_000;

export function swarmsSection(): { element: HTMLElement; stop: () => void } {
  const body = h("div", { id: "swarms" }, h("p", {}, "Loading…"));
  const titles = new Map<string, string>();
  const lookedUp = new Set<string>();
  // Titles are a nicety: the catalog lists published items; anything else shows its id. An item published after the
  // page opened (the demo's, on a server just started) is looked up once more when its swarm first appears.
  const learnTitles = () => catalog().then((page) => page.items.forEach((item) => titles.set(item.id, item.title))).catch(() => undefined);
  const load = () => swarms()
    .then(async (views) => {
      const unknown = views.map((view) => view.contentId).filter((id) => !titles.has(id) && !lookedUp.has(id));
      if (unknown.length > 0) {
        unknown.forEach((id) => lookedUp.add(id));
        await learnTitles();
      }
      body.replaceChildren(views.length === 0 ? h("p", {}, "No one is watching right now.") : swarmsTable(views, titles), totalsLine(views));
    })
    .catch((problem) => body.replaceChildren(h("p", { class: "message", "data-kind": "error" }, problem instanceof ApiError ? problem.message : "Could not load the swarms.")));
  void load();
  const timer = window.setInterval(() => void load(), RefreshMs);
  const element = h("section", { class: "card", "aria-labelledby": "swarms-heading" },
    h("h2", { id: "swarms-heading" }, "Swarms"),
    h("p", { class: "hint" }, "Peers per content and rendition, their groups, and the share of bytes they got from each other (P2P share)."),
    body);
  return { element, stop: () => window.clearInterval(timer) };
}

function swarmsTable(views: SwarmView[], titles: Map<string, string>): HTMLElement {
  const columns = ["Content", "Rendition", "Peers", "Groups (members each)", "From peers", "From the CDN", "P2P share", "Stalls"];
  return h("table", { class: "history swarms" },
    h("caption", { class: "visually-hidden" }, "Swarms, largest first"),
    h("thead", {}, h("tr", {}, ...columns.map((t, i) => h("th", { scope: "col", class: i >= 2 && i !== 3 ? "number" : undefined }, t)))),
    h("tbody", {}, ...views.map((view) => h("tr", { "data-content": view.contentId, "data-rendition": view.rendition },
      h("th", { scope: "row", title: view.contentId }, titles.get(view.contentId) ?? view.contentId),
      h("td", {}, view.rendition),
      h("td", { class: "number", "data-field": "peers" }, String(view.peers)),
      h("td", { "data-field": "groups" }, groupsText(view.groupSizes)),
      h("td", { class: "number", "data-field": "peer-bytes", "data-value": String(view.peerBytes) }, bytes(view.peerBytes)),
      h("td", { class: "number", "data-field": "cdn-bytes", "data-value": String(view.cdnBytes) }, bytes(view.cdnBytes)),
      h("td", { class: "number", "data-field": "share", "data-value": String(view.peerSharePerTenThousand) },
        shareBar(view.peerSharePerTenThousand), " ", basisPoints(view.peerSharePerTenThousand)),
      h("td", { class: "number", "data-field": "stalls" }, String(view.stalls))))));
}

/** "2 groups: 8, 6" — the count first, so a glance shows how the swarm is split. */
function groupsText(sizes: number[]): string {
  return `${sizes.length} ${sizes.length === 1 ? "group" : "groups"}: ${sizes.join(", ")}`;
}

function shareBar(perTenThousand: number): HTMLElement {
  return h("progress", { class: "share", max: "10000", value: String(perTenThousand), "aria-hidden": "true" });
}

function totalsLine(views: SwarmView[]): HTMLElement {
  const peers = views.reduce((sum, view) => sum + view.peers, 0);
  const fromPeers = views.reduce((sum, view) => sum + view.peerBytes, 0);
  const fromCdn = views.reduce((sum, view) => sum + view.cdnBytes, 0);
  const share = fromPeers + fromCdn === 0 ? 0 : Math.floor((fromPeers * 10_000) / (fromPeers + fromCdn));
  return h("p", { id: "swarms-total", class: "hint" },
    `${peers} peers in ${views.length} ${views.length === 1 ? "swarm" : "swarms"}; ${bytes(fromPeers)} from peers, ${bytes(fromCdn)} from the CDN (${basisPoints(share)} P2P).`);
}
