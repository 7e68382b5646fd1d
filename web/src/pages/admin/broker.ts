import { ApiError, brokerHealth, type BrokerHealth } from "../../api";
import { h } from "../../dom";
import { queueChart } from "./broker-chart";
import { basisPoints, figure } from "./format";

// The work-unit broker at a glance: what waits, what runs, how fast units are validated, how often replicas fail or
// disagree, and how trust is spread over the computing accounts.

const RefreshMs = 3_000;

export function brokerSection(): { element: HTMLElement; stop: () => void } {
  const body = h("div", { id: "broker" }, h("p", {}, "Loading…"));
  const chart = queueChart();
  const load = () => brokerHealth()
    .then((health) => {
      body.replaceChildren(...brokerView(health));
      chart.add(health);
    })
    .catch((problem) => body.replaceChildren(h("p", { class: "message", "data-kind": "error" }, problem instanceof ApiError ? problem.message : "Could not load the broker's health.")));
  void load();
  const timer = window.setInterval(() => void load(), RefreshMs);
  const element = h("section", { class: "card", "aria-labelledby": "broker-heading" }, h("h2", { id: "broker-heading" }, "Broker health"), body, chart.element);
  return { element, stop: () => window.clearInterval(timer) };
}

function brokerView(health: BrokerHealth): HTMLElement[] {
  const replicas = health.replicas;
  const minutes = (seconds: number) => (seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);
  return [
    h("dl", { class: "figures" },
      figure("Units waiting", String(health.unitsWaiting), "broker-waiting", health.unitsWaiting),
      figure("Units leased (in progress)", String(health.unitsLeased), "broker-leased", health.unitsLeased),
      figure("Leases in flight", String(health.leasesInFlight), "broker-leases", health.leasesInFlight),
      figure(`Validated, last ${minutes(health.throughputWindowSeconds)}`, String(health.acceptedInWindow), "broker-accepted", health.acceptedInWindow),
      figure(`Failed, last ${minutes(health.throughputWindowSeconds)}`, String(health.failedInWindow), "broker-failed", health.failedInWindow),
      figure("Validated per second", health.validatedPerSecond.toFixed(2), "broker-rate", health.validatedPerSecond),
      figure("Error rate", basisPoints(health.errorRatePerTenThousand), "broker-error-rate", health.errorRatePerTenThousand),
      figure("Disagreement rate", basisPoints(health.disagreementRatePerTenThousand), "broker-disagreement-rate", health.disagreementRatePerTenThousand)),
    h("p", { class: "hint", id: "broker-window" },
      `Rates over replicas finished in the last ${minutes(health.replicaWindowSeconds)} (at most the newest ${health.replicaWindowMaxRows.toLocaleString("en")} leases): `
      + `${replicas.finished} finished, ${replicas.valid} valid, ${replicas.invalid} disagreed, ${replicas.errored} errors or timeouts.`),
    trustTable(health),
  ];
}

function trustTable(health: BrokerHealth): HTMLElement {
  const total = health.trust.reduce((sum, bucket) => sum + bucket.accounts, 0);
  return h("table", { class: "history trust", id: "broker-trust" },
    h("caption", {}, "Computing accounts by consecutive valid results"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Consecutive valid"), h("th", { scope: "col", class: "number" }, "Accounts"), h("th", { scope: "col" }, "Share"))),
    h("tbody", {}, ...health.trust.map((bucket) => {
      const share = total === 0 ? 0 : Math.floor((bucket.accounts * 10_000) / total);
      return h("tr", { "data-bucket": String(bucket.from), "data-trusted": String(bucket.trusted) },
        h("th", { scope: "row" }, bucket.label),
        h("td", { class: "number", "data-value": String(bucket.accounts) }, String(bucket.accounts)),
        h("td", {}, h("progress", { max: "10000", value: String(share), "aria-label": `${bucket.label}: ${basisPoints(share)} of accounts` })));
    })));
}
