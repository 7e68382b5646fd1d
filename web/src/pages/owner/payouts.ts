import { ApiError, payoutStatement, payouts, statementCsvPath, type PayoutStatement, type PayoutView } from "../../api";
import { creditsLabel } from "../../credits";
import { h, messageArea, showMessage } from "../../dom";

// The owner's payouts, newest first. Each opens its statement: the sales of the period, totals, what was brought and
// carried forward and what was converted into dollars, with the same statement as CSV to download.

const RefreshMs = 15_000;

const StateWords: Record<PayoutView["state"], string> = { InTransit: "On its way", Paid: "Paid", Failed: "Failed" };

export function payoutsSection(): { element: HTMLElement; stop: () => void } {
  const list = h("div", { id: "payouts" }, h("p", {}, "Loading…"));
  const statement = h("div", { id: "statement", "aria-live": "polite" });
  const message = messageArea();
  const open = async (payout: PayoutView) => {
    try {
      statement.replaceChildren(statementView(await payoutStatement(payout.id)));
    } catch (problem) {
      showMessage(message, problem instanceof ApiError ? problem.message : "Could not load the statement.", "error");
    }
  };
  const load = async () => {
    try {
      const page = await payouts();
      list.replaceChildren(page.items.length === 0
        ? h("p", {}, "No payouts yet. Payouts run on a schedule once your earnings reach the minimum.")
        : payoutsTable(page.items, open));
    } catch (problem) {
      showMessage(message, problem instanceof ApiError ? problem.message : "Could not load your payouts.", "error");
    }
  };
  void load();
  const timer = window.setInterval(() => void load(), RefreshMs);
  const element = h("section", { class: "card", "aria-labelledby": "payouts-heading" },
    h("h2", { id: "payouts-heading" }, "Payouts"), list, message, statement);
  return { element, stop: () => window.clearInterval(timer) };
}

function payoutsTable(items: PayoutView[], open: (payout: PayoutView) => Promise<void>): HTMLElement {
  const day = (at: string) => new Date(at).toLocaleDateString();
  return h("table", { class: "history" },
    h("caption", { class: "visually-hidden" }, "Your payouts, newest first"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Made"), h("th", { scope: "col", class: "number" }, "Credits converted"),
      h("th", { scope: "col", class: "number" }, "Amount"), h("th", { scope: "col" }, "State"), h("th", { scope: "col" }, "Statement"))),
    h("tbody", {}, ...items.map((payout) => {
      const show = h("button", { type: "button", class: "link-button", "aria-label": `Show the statement of ${day(payout.createdAt)}` }, "Show");
      show.addEventListener("click", () => void open(payout));
      const csv = h("a", {
        href: statementCsvPath(payout.id), download: `statement-${payout.id}.csv`, "aria-label": `Download the statement of ${day(payout.createdAt)} as CSV`,
      }, "CSV");
      return h("tr", { "data-payout": payout.id, "data-state": payout.state },
        h("td", {}, day(payout.createdAt)),
        h("td", { class: "number", "data-micro-credits": String(payout.creditsConvertedMicroCredits) }, creditsLabel(payout.creditsConvertedMicroCredits)),
        h("td", { class: "number", "data-cents": String(payout.cents) }, `${payout.dollars} USD`),
        h("td", {}, StateWords[payout.state], payout.failureReason ? `: ${payout.failureReason}` : ""),
        h("td", { class: "actions" }, show, csv));
    })));
}

function statementView(s: PayoutStatement): HTMLElement {
  const figure = (label: string, text: string, id: string) => h("div", { class: "figure" }, h("dt", {}, label), h("dd", { id }, text));
  return h("div", { class: "statement", "data-payout": s.payoutId },
    h("h3", {}, `Statement ${new Date(s.periodStart).toLocaleString()} – ${new Date(s.periodEnd).toLocaleString()}`),
    h("dl", { class: "figures" },
      figure("Sales", creditsLabel(s.totals.salesMicroCredits), "statement-sales"),
      figure("Platform fees", creditsLabel(s.totals.feesMicroCredits), "statement-fees"),
      figure("Your earnings", creditsLabel(s.totals.earningsMicroCredits), "statement-earnings"),
      figure("Brought forward", creditsLabel(s.broughtForwardMicroCredits), "statement-brought"),
      figure("Converted", creditsLabel(s.creditsConvertedMicroCredits), "statement-converted"),
      figure("Carried forward", creditsLabel(s.carriedForwardMicroCredits), "statement-carried"),
      figure("Paid out", `${s.payoutDollars} USD`, "statement-dollars"),
      figure("Ties out", s.tiesOut ? "Yes" : "No", "statement-ties-out")),
    h("table", { class: "history" },
      h("caption", { class: "visually-hidden" }, "The sales of this statement"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Sold"), h("th", { scope: "col" }, "Item"),
        ...["Price", "Fee", "Yours"].map((t) => h("th", { scope: "col", class: "number" }, t)))),
      h("tbody", {}, ...s.lines.map((line) => h("tr", { "data-license": line.licenseId },
        h("td", {}, new Date(line.soldAt).toLocaleString()), h("td", {}, line.contentTitle),
        h("td", { class: "number" }, creditsLabel(line.priceMicroCredits)), h("td", { class: "number" }, creditsLabel(line.feeMicroCredits)),
        h("td", { class: "number" }, creditsLabel(line.earningsMicroCredits)))))));
}
