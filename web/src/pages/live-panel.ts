import { clockTime, RollingChart, themeColour, timeChartOptions } from "../charts";
import { h, messageArea, showMessage } from "../dom";
import type { PeerFigures } from "../player/peer-stats";
import type { ViewingStatus } from "../player/viewing";

// The watch page's live panel: where this page's video comes from, who it shares with and how well. Figures carry
// their raw values in data-* attributes so tests and tools read numbers, not formatted text.

/** Two minutes of history at one status a second. */
const ChartPoints = 120;
const ChartHeight = 150;

export interface LivePanel {
  element: HTMLElement;
  update: (status: ViewingStatus) => void;
}

export function livePanel(): LivePanel {
  const value = (id: string) => h("dd", { id }, "–");
  const cells = {
    state: value("swarm-state"), peer: value("peer-id"), groupId: value("group-id"), group: value("group-size"), share: value("p2p-share"),
    cdn: value("cdn-bytes"), peer2peer: value("peer-bytes"), channels: value("open-channels"), bad: value("bad-segments"),
    buffer: value("buffer"), stalls: value("stalls"), reports: value("reports"),
  };
  const row = (label: string, cell: HTMLElement, wide = false) => h("div", { class: wide ? "figure wide" : "figure" }, h("dt", {}, label), cell);
  const members = h("ul", { id: "group-members", class: "members", "aria-labelledby": "members-heading" });
  const peerRows = h("tbody");
  const chart = shareChart();
  const message = messageArea();
  const element = h("section", { class: "live-panel", "aria-labelledby": "swarm-heading" },
    h("h2", { id: "swarm-heading" }, "Swarm"),
    h("dl", { class: "figures compact" },
      row("P2P share", cells.share), row("Stalls", cells.stalls), row("From peers", cells.peer2peer), row("From the CDN", cells.cdn),
      row("State", cells.state), row("Buffered", cells.buffer), row("Data channels", cells.channels),
      row("Group", cells.groupId), row("Group members", cells.group), row("Bad copies refused", cells.bad), row("Reports sent", cells.reports),
      row("Peer", cells.peer, true)),
    h("h3", { id: "chart-heading" }, "From peers and from the CDN"),
    chart.element,
    h("h3", { id: "members-heading" }, "Group members"),
    members,
    h("h3", { id: "peer-rates-heading" }, "From each peer"),
    h("table", { id: "peer-rates", class: "peer-rates", "aria-labelledby": "peer-rates-heading" },
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, "Peer"), h("th", { scope: "col", class: "number" }, "Received"), h("th", { scope: "col", class: "number" }, "Rate"),
        h("th", { scope: "col", class: "number" }, "RTT"), h("th", { scope: "col", class: "number" }, "Failed"))),
      peerRows),
    message);

  const update = (status: ViewingStatus) => {
    cells.state.textContent = status.state;
    cells.peer.textContent = status.peerId ?? "–";
    cells.groupId.textContent = status.group ? String(status.group.groupId) : "–";
    cells.group.textContent = status.group ? String(status.group.members.length) : "–";
    showBytes(cells.cdn, status.cdnBytes);
    showBytes(cells.peer2peer, status.peerBytes);
    const total = status.cdnBytes + status.peerBytes;
    cells.share.textContent = total > 0 ? percent(status.peerBytes, total) : "–";
    cells.share.dataset.share = total > 0 ? String(status.peerBytes / total) : "";
    cells.share.dataset.peerBytes = String(status.peerBytes);
    cells.share.dataset.cdnBytes = String(status.cdnBytes);
    cells.channels.textContent = String(status.openChannels);
    cells.bad.textContent = String(status.badSegments);
    cells.buffer.textContent = `${(status.bufferMs / 1000).toFixed(1)} s`;
    cells.stalls.textContent = String(status.stalls);
    cells.reports.textContent = String(status.reports);
    members.replaceChildren(...(status.group?.members ?? []).map((member) =>
      h("li", { "data-peer": member, title: member }, shortId(member), member === status.peerId ? " (this page)" : "")));
    peerRows.replaceChildren(...status.peers.map(peerRow));
    if (status.peers.length === 0) peerRows.append(h("tr", {}, h("td", { colspan: "5", class: "hint" }, "No group mates yet.")));
    chart.add(status);
    if (status.message) showMessage(message, status.message, status.state === "failed" ? "error" : "info");
  };
  return { element, update };
}

function peerRow(figures: PeerFigures): HTMLTableRowElement {
  const cell = (text: string, raw: number | null) => h("td", { class: "number", "data-value": raw === null ? "" : String(raw) }, text);
  return h("tr", { "data-peer": figures.peer, "data-open": String(figures.open) },
    h("th", { scope: "row", title: figures.peer }, shortId(figures.peer), figures.open ? "" : " (no channel)"),
    cell(kib(figures.bytesReceived), figures.bytesReceived),
    cell(`${figures.rateKbps} kbit/s`, figures.rateKbps),
    cell(figures.rttMs === null ? "–" : `${Math.round(figures.rttMs)} ms`, figures.rttMs === null ? null : Math.round(figures.rttMs)),
    cell(String(figures.failures + figures.badSegments), figures.failures + figures.badSegments));
}

/**
 * A line chart of the bytes received so far from peers and from the CDN. The canvas says nothing to a screen reader,
 * so the figure's label and the sentence under it carry the latest values.
 */
function shareChart(): { element: HTMLElement; add: (status: ViewingStatus) => void } {
  const area = h("div", { id: "share-chart", class: "share-chart", role: "img", "aria-labelledby": "chart-heading chart-summary" });
  const summary = h("p", { id: "chart-summary", class: "hint" }, "Nothing received yet.");
  const element = h("figure", { class: "chart" }, area, summary);
  const chart = new RollingChart(area, 2, ChartPoints, 200, chartOptions);
  const add = (status: ViewingStatus) => {
    const total = status.peerBytes + status.cdnBytes;
    summary.textContent = total === 0 ? "Nothing received yet."
      : `So far ${kib(status.peerBytes)} from peers and ${kib(status.cdnBytes)} from the CDN: ${percent(status.peerBytes, total)} from peers.`;
    chart.add(Date.now() / 1000, [status.peerBytes / 1024, status.cdnBytes / 1024]);
  };
  return { element, add };
}

function chartOptions(width: number) {
  return timeChartOptions(width, ChartHeight,
    [
      { space: 70, values: (_, ticks) => ticks.map(clockTime) },
      { size: 76, values: (_, ticks) => ticks.map((tick) => kib(tick * 1024)) },
    ],
    [
      { label: "From peers", stroke: themeColour("--ok", "#1e7d4f"), width: 2 },
      { label: "From the CDN", stroke: themeColour("--accent", "#1f5fbf"), width: 2, dash: [6, 4] },
    ]);
}

function showBytes(cell: HTMLElement, bytes: number): void {
  cell.textContent = kib(bytes);
  cell.dataset.bytes = String(bytes);
}

function kib(bytes: number): string {
  return bytes >= 10 * 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

function percent(part: number, total: number): string {
  return `${((part * 100) / total).toFixed(1)} %`;
}

/** Peer ids are GUIDs; the first eight characters tell a group's members apart. */
function shortId(peer: string): string {
  return peer.slice(0, 8);
}
