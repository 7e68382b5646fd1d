import uPlot from "uplot";
import { themeColour, timeChartOptions } from "../../charts";
import { ApiError, ownerSales, type DaySales, type OwnerSales } from "../../api";
import { creditsLabel, formatCredits } from "../../credits";
import { h, messageArea, showMessage } from "../../dom";

// Licenses sold and credits earned per day. The chart's canvas says nothing to a screen reader, so its accessible
// name is a sentence with the figures, and the days with sales are listed in a table below it.

const Days = 30;
const RefreshMs = 10_000;
const ChartHeight = 180;

export function salesSection(): { element: HTMLElement; stop: () => void } {
  const figures = h("dl", { class: "figures" });
  const area = h("div", { id: "sales-chart", class: "sales-chart", role: "img", "aria-labelledby": "sales-chart-summary" });
  const summary = h("p", { id: "sales-chart-summary", class: "hint" }, "Loading…");
  const table = h("div", { id: "sales-days" });
  const message = messageArea();
  let plot: uPlot | null = null;

  const load = async () => {
    try {
      const sales = await ownerSales(Days);
      figures.replaceChildren(
        figure("Licenses sold", String(sales.licenses), "sales-licenses", sales.licenses),
        figure("Earned (your share)", creditsLabel(sales.earnedMicroCredits), "sales-earned", sales.earnedMicroCredits));
      summary.textContent = sentence(sales);
      const data = chartData(sales.days);
      // uPlot needs a laid-out width; the section is in the page by the time the first answer arrives.
      if (!plot && area.isConnected) plot = new uPlot(chartOptions(Math.max(260, area.clientWidth)), data, area);
      else plot?.setData(data);
      table.replaceChildren(daysTable(sales.days));
      showMessage(message, "");
    } catch (problem) {
      showMessage(message, problem instanceof ApiError ? problem.message : "Could not load your sales.", "error");
    }
  };
  void load();
  const timer = window.setInterval(() => void load(), RefreshMs);
  const element = h("section", { class: "card", "aria-labelledby": "sales-heading" },
    h("h2", { id: "sales-heading" }, `Sales over the last ${Days} days`),
    figures, h("figure", { class: "chart" }, area, summary), table, message);
  return { element, stop: () => { window.clearInterval(timer); plot?.destroy(); } };
}

function figure(label: string, text: string, id: string, raw: number): HTMLElement {
  return h("div", { class: "figure" }, h("dt", {}, label), h("dd", { id, "data-value": String(raw) }, text));
}

function sentence(sales: OwnerSales): string {
  const today = sales.days[sales.days.length - 1];
  return `From ${sales.firstDay} to ${sales.lastDay} (UTC): ${licenses(sales.licenses)} sold, ${creditsLabel(sales.earnedMicroCredits)} earned; `
    + `today ${licenses(today?.licenses ?? 0)} and ${creditsLabel(today?.earnedMicroCredits ?? 0)}.`;
}

function licenses(count: number): string {
  return count === 1 ? "1 license" : `${count} licenses`;
}

/** x: each day's midnight UTC in seconds; licenses; credits earned (a chart may use fractions, the figures do not). */
function chartData(days: DaySales[]): uPlot.AlignedData {
  return [
    days.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000),
    days.map((d) => d.licenses),
    days.map((d) => d.earnedMicroCredits / 1_000_000),
  ];
}

function chartOptions(width: number): uPlot.Options {
  const fromZero: uPlot.Scale = { range: (_, __, max) => [0, Math.max(1, max)] };
  return timeChartOptions(width, ChartHeight,
    [
      { space: 60, values: (_, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(5, 10)) },
      { scale: "licenses", size: 50, values: (_, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : "")) },
      { scale: "credits", side: 1, size: 70, grid: { show: false }, values: (_, ticks) => ticks.map((t) => String(t)) },
    ],
    [
      { label: "Licenses sold", scale: "licenses", stroke: themeColour("--accent", "#1f5fbf"), width: 2, points: { show: true } },
      { label: "Credits earned", scale: "credits", stroke: themeColour("--ok", "#1e7d4f"), width: 2, dash: [6, 4], points: { show: true } },
    ],
    { licenses: fromZero, credits: fromZero });
}

function daysTable(days: DaySales[]): HTMLElement {
  const withSales = days.filter((d) => d.licenses > 0 || d.earnedMicroCredits !== 0).reverse();
  if (withSales.length === 0) return h("p", {}, "No sales in this period yet.");
  return h("table", { class: "history" },
    h("caption", { class: "visually-hidden" }, "Days with sales, newest first"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Day (UTC)"), h("th", { scope: "col", class: "number" }, "Licenses"),
      h("th", { scope: "col", class: "number" }, "Earned (credits)"))),
    h("tbody", {}, ...withSales.map((d) => h("tr", { "data-day": d.day },
      h("td", {}, d.day), h("td", { class: "number" }, String(d.licenses)),
      h("td", { class: "number", "data-micro-credits": String(d.earnedMicroCredits) }, formatCredits(d.earnedMicroCredits))))));
}
