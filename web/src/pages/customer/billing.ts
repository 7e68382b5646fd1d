import { ApiError, billingAccount, type BillingAccount } from "../../api";
import { h } from "../../dom";

// What the customer's usage came to and what Stripe invoiced, from the ledger and Stripe's invoice events.

const StripeWords: Record<BillingAccount["stripe"], string> = {
  Connected: "Usage is reported to Stripe, which invoices it monthly.",
  NotConnected: "Your Stripe customer is made with your first job or API key.",
  Offline: "This server runs without Stripe: usage is recorded and waits.",
};

const RefreshMs = 10_000;

export function billingSection(): { element: HTMLElement; stop: () => void } {
  const body = h("div", { id: "billing" }, h("p", {}, "Loading…"));
  const load = () => billingAccount()
    .then((account) => body.replaceChildren(...billingView(account)))
    .catch((problem) => body.replaceChildren(h("p", { class: "message", "data-kind": "error" }, problem instanceof ApiError ? problem.message : "Could not load billing.")));
  void load();
  const timer = window.setInterval(() => void load(), RefreshMs);
  const element = h("section", { class: "card", "aria-labelledby": "billing-heading" }, h("h2", { id: "billing-heading" }, "Usage and invoices"), body);
  return { element, stop: () => window.clearInterval(timer) };
}

function billingView(account: BillingAccount): HTMLElement[] {
  const usd = (cents: number) => `${(cents / 100).toFixed(2)} USD`;
  const figure = (label: string, value: string, id: string) => h("div", { class: "figure" }, h("dt", {}, label), h("dd", { id }, value));
  const invoices = account.invoices.items.length === 0
    ? h("p", {}, "No invoices yet.")
    : h("table", { class: "history" },
      h("caption", { class: "visually-hidden" }, "Invoices, newest first"),
      h("thead", {}, h("tr", {}, ...["Invoice", "Status", "Due", "Paid", "Last event"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, ...account.invoices.items.map((invoice) => h("tr", {},
        h("td", {}, h("code", {}, invoice.invoiceId)), h("td", {}, invoice.status), h("td", { class: "number" }, usd(invoice.amountDueCents)),
        h("td", { class: "number" }, usd(invoice.amountPaidCents)), h("td", {}, new Date(invoice.lastEventAt).toLocaleString())))));
  return [
    h("p", {}, StripeWords[account.stripe]),
    h("dl", { class: "figures" },
      figure("Usage", usd(account.totalUsageCents), "billing-usage"),
      figure("Paid", usd(account.totalPaidCents), "billing-paid"),
      figure("Outstanding", usd(account.outstandingCents), "billing-outstanding"),
      figure("Standing", account.standing, "billing-standing")),
    invoices,
  ];
}
