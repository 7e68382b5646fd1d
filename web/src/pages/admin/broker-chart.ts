import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { BrokerHealth } from "../../api";
import { h } from "../../dom";

// The queue over the time this page has been open: units waiting and units leased at each reading. The canvas says
// nothing to a screen reader, so the sentence under it (also the chart's accessible name) carries the latest figures.

/** Ten minutes of readings at one every three seconds. */
const ChartPoints = 200;
const ChartHeight = 160;

export function queueChart(): { element: HTMLElement; add: (health: BrokerHealth) => void } {
  const area = h("div", { id: "queue-chart", class: "share-chart", role: "img", "aria-labelledby": "queue-chart-heading queue-chart-summary" });
  const summary = h("p", { id: "queue-chart-summary", class: "hint" }, "No readings yet.");
  const element = h("figure", { class: "chart" }, h("figcaption", { id: "queue-chart-heading" }, "Units waiting and leased since this page opened"), area, summary);
  const data: [number[], number[], number[]] = [[], [], []];
  let plot: uPlot | null = null;
  const add = (health: BrokerHealth) => {
    data[0].push(Date.parse(health.at) / 1000);
    data[1].push(health.unitsWaiting);
    data[2].push(health.unitsLeased);
    if (data[0].length > ChartPoints) for (const series of data) series.shift();
    summary.textContent = `Now ${health.unitsWaiting} units waiting and ${health.unitsLeased} leased; `
      + `${health.acceptedInWindow} validated in the last ${health.throughputWindowSeconds} s.`;
    // uPlot needs a laid-out width; the section is in the page by the first reading.
    if (!plot && area.isConnected) plot = new uPlot(options(Math.max(240, area.clientWidth)), data, area);
    else plot?.setData(data);
  };
  return { element, add };
}

function options(width: number): uPlot.Options {
  const style = getComputedStyle(document.documentElement);
  const colour = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    width, height: ChartHeight,
    cursor: { show: false },
    legend: { show: true, live: false },
    scales: { x: { time: true } },
    axes: [
      { space: 70, values: (_, ticks) => ticks.map((tick) => new Date(tick * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })) },
      { size: 60 },
    ],
    series: [
      {},
      { label: "Waiting", stroke: colour("--accent", "#1f5fbf"), width: 2 },
      { label: "Leased", stroke: colour("--ok", "#1e7d4f"), width: 2, dash: [6, 4] },
    ],
  };
}
