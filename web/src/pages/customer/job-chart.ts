import uPlot from "uplot";
import { themeColour, timeChartOptions } from "../../charts";
import type { JobTimeline } from "../../api";
import { h } from "../../dom";

// The chosen job over time: units decided per second (left axis) and what it has cost so far (right axis), from the
// server's timeline so the chart is whole after a reload too. The sentence under it carries the same figures in words.

const ChartHeight = 200;

export interface JobChart { element: HTMLElement; show: (timeline: JobTimeline) => void }

export function jobChart(): JobChart {
  const area = h("div", { id: "job-chart", class: "job-chart", role: "img", "aria-labelledby": "job-chart-heading job-chart-summary" });
  const summary = h("p", { id: "job-chart-summary", class: "hint" }, "No units decided yet.");
  const element = h("figure", { class: "chart" }, h("h4", { id: "job-chart-heading" }, "Units per second and cost"), area, summary);
  let plot: uPlot | null = null;
  let shownJob: string | null = null;
  const show = (timeline: JobTimeline) => {
    const data: uPlot.AlignedData = [
      timeline.points.map((p) => Date.parse(p.end) / 1000),
      timeline.points.map((p) => p.unitsPerSecond),
      timeline.points.map((p) => p.costCentsSoFar / 100),
    ];
    const last = timeline.points[timeline.points.length - 1];
    const decided = timeline.points.reduce((sum, p) => sum + p.accepted + p.failed, 0);
    const peak = Math.max(0, ...timeline.points.map((p) => p.unitsPerSecond));
    summary.textContent = decided === 0 ? "No units decided yet."
      : `${decided} units decided, at most ${peak.toFixed(1)} per second (over ${timeline.intervalSeconds} s intervals); ${(last.costCentsSoFar / 100).toFixed(2)} USD so far.`;
    area.dataset.points = String(timeline.points.length);
    area.dataset.costCents = String(last?.costCentsSoFar ?? 0);
    if (plot && shownJob === timeline.jobId) {
      plot.setData(data);
      return;
    }
    plot?.destroy();
    shownJob = timeline.jobId;
    plot = area.isConnected ? new uPlot(options(Math.max(280, area.clientWidth)), data, area) : null;
  };
  return { element, show };
}

function options(width: number): uPlot.Options {
  return timeChartOptions(width, ChartHeight,
    [
      { space: 70 },
      { scale: "rate", size: 60, values: (_, ticks) => ticks.map((t) => `${t.toFixed(1)}/s`) },
      { scale: "cost", side: 1, size: 70, grid: { show: false }, values: (_, ticks) => ticks.map((t) => `$${t.toFixed(2)}`) },
    ],
    [
      { label: "Units per second", scale: "rate", stroke: themeColour("--accent", "#1f5fbf"), width: 2 },
      { label: "Cost so far (USD)", scale: "cost", stroke: themeColour("--ok", "#1e7d4f"), width: 2, dash: [6, 4] },
    ],
    { rate: {}, cost: {} });
}
