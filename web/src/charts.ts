import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

// What the app's uPlot charts share: colours from the stylesheet (one look), a fixed height, no cursor, a static legend
// and time along x; and a rolling chart that keeps the newest readings and draws once its area has a width.

/** A colour from the stylesheet's custom properties, with a fallback for a page without them. */
export function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export function clockTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function timeChartOptions(
  width: number, height: number, axes: uPlot.Axis[], series: uPlot.Series[], scales: uPlot.Scales = {},
): uPlot.Options {
  return {
    width, height,
    cursor: { show: false },
    legend: { show: true, live: false },
    scales: { x: { time: true }, ...scales },
    axes,
    series: [{}, ...series],
  };
}

/** Readings over time, the newest <c>capacity</c> kept; uPlot needs a laid-out width, so the plot is made at the first reading the page shows. */
export class RollingChart {
  private readonly data: number[][];
  private plot: uPlot | null = null;

  constructor(
    private readonly area: HTMLElement, series: number, private readonly capacity: number, private readonly minWidth: number,
    private readonly options: (width: number) => uPlot.Options,
  ) {
    this.data = Array.from({ length: series + 1 }, () => []);
  }

  add(atUnixSeconds: number, values: number[]): void {
    this.data[0].push(atUnixSeconds);
    values.forEach((value, i) => this.data[i + 1].push(value));
    if (this.data[0].length > this.capacity) for (const series of this.data) series.shift();
    if (!this.plot && this.area.isConnected) {
      this.plot = new uPlot(this.options(Math.max(this.minWidth, this.area.clientWidth)), this.data as uPlot.AlignedData, this.area);
    } else {
      this.plot?.setData(this.data as uPlot.AlignedData);
    }
  }
}
