import { ApiError, cancelJob, job, jobs, jobTimeline, type JobDetails, type JobSummary } from "../../api";
import { h, messageArea, showMessage } from "../../dom";
import { jobChart } from "./job-chart";

// The customer's jobs with live progress: the list refreshes every few seconds, and the chosen job shows its units
// per state, rate, time left and cost, a chart of its rate and cost over time, and its results to download.

const RefreshMs = 2_000;
const MandelbrotSample = "mandelbrot-tiles";

export interface JobsSection { element: HTMLElement; select: (id: string) => void; stop: () => void }

export function jobsSection(): JobsSection {
  const list = h("div", { id: "jobs" });
  const details = h("div", { id: "job-details", "aria-live": "polite" });
  const chart = jobChart();
  chart.element.hidden = true;
  const message = messageArea();
  let selected: string | null = null;
  let stopped = false;

  const refresh = async () => {
    try {
      const page = await jobs();
      list.replaceChildren(page.jobs.length === 0 ? h("p", {}, "No jobs yet: submit one above.") : jobsTable(page.jobs, select));
      if (selected) {
        const [chosen, timeline] = await Promise.all([job(selected), jobTimeline(selected)]);
        details.replaceChildren(detailsCard(chosen, message, refresh));
        chart.element.hidden = false;
        chart.show(timeline);
      }
    } catch (problem) {
      showMessage(message, problem instanceof ApiError ? problem.message : "Could not load your jobs.", "error");
    }
  };
  const select = (id: string) => {
    selected = id;
    void refresh();
  };
  const timer = window.setInterval(() => { if (!stopped) void refresh(); }, RefreshMs);
  void refresh();
  const element = h("section", { class: "card", "aria-labelledby": "jobs-heading" },
    h("h2", { id: "jobs-heading" }, "Jobs"), list, message, details, chart.element);
  return { element, select, stop: () => { stopped = true; window.clearInterval(timer); } };
}

function jobsTable(items: JobSummary[], select: (id: string) => void): HTMLElement {
  return h("table", { class: "history jobs" },
    h("caption", { class: "visually-hidden" }, "Your jobs, newest first"),
    h("thead", {}, h("tr", {}, ...["Job", "Progress", "Accepted", "Failed", "State"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...items.map((item) => {
      const open = h("button", { type: "button", class: "link-button" }, item.name);
      open.addEventListener("click", () => select(item.id));
      const done = item.units === 0 ? 0 : Math.floor((100 * (item.accepted + item.failed)) / item.units);
      return h("tr", { "data-job": item.id },
        h("td", {}, open), h("td", {}, progressBar(done, `${item.name}: ${done}% done`)),
        h("td", { class: "number" }, String(item.accepted)), h("td", { class: "number" }, String(item.failed)), h("td", {}, item.state));
    })));
}

function progressBar(percent: number, label: string): HTMLElement {
  return h("progress", { max: "100", value: String(percent), "aria-label": label }, `${percent}%`);
}

function detailsCard(details: JobDetails, message: HTMLElement, refresh: () => Promise<void>): HTMLElement {
  const figure = (label: string, value: string, id: string) => h("div", { class: "figure" }, h("dt", {}, label), h("dd", { id }, value));
  const counts = details.counts;
  const left = details.estimatedSecondsLeft === null ? "–" : `${details.estimatedSecondsLeft} s`;
  const actions = h("p", { class: "actions" },
    h("a", { href: `/api/jobs/${details.id}/results`, download: `${details.id}.ndjson`, id: "job-results" }, "Download results (NDJSON)"),
    details.sample === MandelbrotSample ? h("a", { href: `/api/jobs/${details.id}/image.png`, download: `${details.id}.png`, id: "job-image" }, "Download the image (PNG)") : null);
  if (details.state === "Running") {
    const cancel = h("button", { type: "button", id: "job-cancel" }, "Cancel job");
    cancel.addEventListener("click", async () => {
      cancel.disabled = true;
      try {
        await cancelJob(details.id);
        await refresh();
      } catch (problem) {
        showMessage(message, problem instanceof ApiError ? problem.message : "Could not cancel the job.", "error");
        cancel.disabled = false;
      }
    });
    actions.append(cancel);
  }
  return h("article", { class: "job-card", "data-job": details.id, "data-state": details.state, "aria-label": `Job ${details.name}` },
    h("h3", {}, details.name),
    progressBar(details.percentDone, `${details.name}: ${details.percentDone}% done`),
    h("dl", { class: "figures" },
      figure("Done", `${details.percentDone}%`, "job-percent"),
      figure("Accepted", `${counts.accepted} of ${details.units}`, "job-accepted"),
      figure("Running", String(counts.inProgress), "job-running"),
      figure("Waiting", String(counts.waiting), "job-waiting"),
      figure("Failed", String(counts.failed), "job-failed"),
      figure("Units per second", details.unitsPerSecond.toFixed(1), "job-rate"),
      figure("Time left", left, "job-eta"),
      figure("Cost so far", `${(details.costCents / 100).toFixed(2)} USD`, "job-cost")),
    actions);
}
