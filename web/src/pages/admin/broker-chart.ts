import { clockTime, RollingChart, themeColour, timeChartOptions } from "../../charts";
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
  const chart = new RollingChart(area, 2, ChartPoints, 240, options);
  const add = (health: BrokerHealth) => {
    summary.textContent = `Now ${health.unitsWaiting} units waiting and ${health.unitsLeased} leased; `
      + `${health.acceptedInWindow} validated in the last ${health.throughputWindowSeconds} s.`;
    chart.add(Date.parse(health.at) / 1000, [health.unitsWaiting, health.unitsLeased]);
  };
  return { element, add };
}

function options(width: number) {
  return timeChartOptions(width, ChartHeight,
    [{ space: 70, values: (_, ticks) => ticks.map(clockTime) }, { size: 60 }],
    [
      { label: "Waiting", stroke: themeColour("--accent", "#1f5fbf"), width: 2 },
      { label: "Leased", stroke: themeColour("--ok", "#1e7d4f"), width: 2, dash: [6, 4] },
    ]);
}
