import { ApiError, reconciliation, type ExternalReconciliation, type ReconciliationIdentity, type ReconciliationReport, type UnmatchedRow } from "../../api";
import { h } from "../../dom";
import { money } from "./format";

// The proof that the books hold: each identity with its sides and whether they agree, totals per currency, rows
// without a counterpart, and the checks against Stripe's books. Loaded on demand, since it sums whole ledgers and may
// ask Stripe. A problem is always said in words ("does not balance", "unmatched"), never by colour alone.

export function reconciliationSection(): HTMLElement {
  const body = h("div", { id: "reconciliation", "aria-live": "polite" }, h("p", {}, "Loading…"));
  const again = h("button", { type: "button", id: "reconciliation-refresh" }, "Check the books again");
  const load = async () => {
    again.disabled = true;
    try {
      body.replaceChildren(...reportView(await reconciliation()));
    } catch (problem) {
      body.replaceChildren(h("p", { class: "message", "data-kind": "error" }, problem instanceof ApiError ? problem.message : "Could not load the reconciliation."));
    } finally {
      again.disabled = false;
    }
  };
  again.addEventListener("click", () => void load());
  void load();
  return h("section", { class: "card", "aria-labelledby": "reconciliation-heading" },
    h("div", { class: "section-head" }, h("h2", { id: "reconciliation-heading" }, "Reconciliation"), again), body);
}

function reportView(report: ReconciliationReport): HTMLElement[] {
  return [
    h("p", { id: "reconciliation-verdict", class: `verdict ${report.balanced ? "good" : "bad"}`, "data-balanced": String(report.balanced) },
      report.balanced ? "✔ The books are balanced" : "✘ The books are NOT balanced",
      h("span", { class: "hint" }, ` (checked ${new Date(report.at).toLocaleString()})`)),
    identitiesTable(report.identities, "reconciliation-identities", "Identities: every side must come to the same total"),
    currenciesTable(report),
    unmatchedView(report.unmatchedCount, report.unmatched, "reconciliation-unmatched"),
    ...report.external.map(externalView),
  ];
}

function identitiesTable(identities: ReconciliationIdentity[], id: string, caption: string): HTMLElement {
  const status = (balanced: boolean) => h("td", { class: balanced ? "status good" : "status bad", "data-field": "status" },
    balanced ? "balanced" : "does not balance");
  return h("table", { class: "history identities", id },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...["Identity", "Currency", "Sides", "Status"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...identities.map((identity) => h("tr", {
      "data-identity": identity.name, "data-currency": identity.currency, "data-balanced": String(identity.balanced),
      class: identity.balanced ? undefined : "unbalanced",
    },
      h("th", { scope: "row" }, identity.name),
      h("td", {}, identity.currency === "Usd" ? "USD" : "credits"),
      h("td", {}, h("ul", { class: "sides" }, ...identity.sides.map((side) =>
        h("li", { "data-side": side.label, "data-total": String(side.total), title: side.terms.map((t) => `${t.label}: ${money(t.amount, identity.currency)}`).join("\n") },
          `${side.label}: `, h("strong", {}, money(side.total, identity.currency)))))),
      status(identity.balanced)))));
}

function currenciesTable(report: ReconciliationReport): HTMLElement {
  return h("table", { class: "history currencies", id: "reconciliation-currencies" },
    h("caption", {}, "Totals per currency (posted and pending)"),
    h("thead", {}, h("tr", {}, ...["Currency", "Accounts", "Transfers", "Debits posted", "Credits posted", "Debits pending", "Credits pending"]
      .map((t, i) => h("th", { scope: "col", class: i > 0 ? "number" : undefined }, t)))),
    h("tbody", {}, ...report.currencies.map((c) => h("tr", { "data-currency": c.currency },
      h("th", { scope: "row" }, c.currency === "Usd" ? "USD" : c.currency),
      h("td", { class: "number" }, String(c.accounts)), h("td", { class: "number" }, String(c.transfers)),
      ...[c.debitsPosted, c.creditsPosted, c.debitsPending, c.creditsPending].map((amount) =>
        h("td", { class: "number", "data-value": String(amount) }, money(amount, c.currency)))))));
}

function unmatchedView(count: number, rows: UnmatchedRow[], id: string): HTMLElement {
  if (count === 0) return h("p", { id, class: "status good", "data-count": "0" }, "✔ No unmatched rows.");
  const more = count > rows.length ? ` (showing ${rows.length})` : "";
  return h("div", { id, "data-count": String(count) },
    h("p", { class: "status bad" }, `✘ ${count} unmatched ${count === 1 ? "row" : "rows"}${more}: each lacks its counterpart on the other side.`),
    h("table", { class: "history unmatched-rows" },
      h("caption", { class: "visually-hidden" }, "Unmatched rows"),
      h("thead", {}, h("tr", {}, ...["", "Kind", "Reference", "Amount", "Problem"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...rows.map((row) => h("tr", { class: "unmatched", "data-kind": row.kind },
        h("td", {}, h("span", { class: "flag" }, "Unmatched")),
        h("td", {}, row.kind), h("td", {}, h("code", {}, row.reference)),
        h("td", { class: "number", "data-value": row.amount === null ? undefined : String(row.amount) }, unmatchedAmount(row)), h("td", {}, row.problem))))));
}

// Which ledger an unmatched row's amount is counted in, by its kind (README: Reconciliation). Kinds not listed here
// show the bare integer rather than a guessed unit.
const CreditKinds = new Set(["credit-transfer-not-its-rows", "earning-row-without-credit", "sale-without-license"]);
const CentKinds = new Set([
  "accepted-unit-without-usage", "usage-row-without-transfer", "usage-transfer-not-its-rows", "payout-without-transfers",
  "usage total differs from Stripe", "usage not at Stripe", "paid invoice without invoice.paid",
]);

function unmatchedAmount(row: UnmatchedRow): string {
  if (row.amount === null) return "–";
  if (CreditKinds.has(row.kind)) return money(row.amount, "Credits");
  if (CentKinds.has(row.kind) || row.kind.startsWith("stripe-")) return money(row.amount, "Usd");
  return String(row.amount);
}

function externalView(check: ExternalReconciliation): HTMLElement {
  const slug = check.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  const heading = h("h3", { id: `external-${slug}-heading` }, `Against Stripe's books: ${check.name}`);
  if (check.notChecked) {
    return h("div", { class: "external", "data-external": check.name, "data-checked": "false" }, heading,
      h("p", { class: "status muted" }, `Not checked: ${check.notChecked}`));
  }
  return h("div", { class: "external", "data-external": check.name, "data-checked": "true" }, heading,
    identitiesTable(check.identities, `external-${slug}-identities`, `${check.name}: our side and Stripe's`),
    unmatchedView(check.unmatchedCount, check.unmatched, `external-${slug}-unmatched`));
}

