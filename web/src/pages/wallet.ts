import { wallet, type WalletEntry } from "../api";
import { formatCredits } from "../credits";
import { h } from "../dom";
import { isViewer, signedInUser } from "../session";
import { requireSignIn } from "./account";

const KindNames: Record<string, string> = {
  "compute.credit": "Earned by computing",
  "license.purchase": "License bought",
};

export async function renderWallet(main: HTMLElement): Promise<void> {
  if (!signedInUser()) return requireSignIn();
  main.append(h("h1", {}, "Wallet"));
  if (!isViewer()) {
    main.append(h("p", {}, "Only viewer accounts have a wallet."));
    return;
  }
  const view = await wallet();
  const amount = (label: string, micro: number, id: string) =>
    h("div", { class: "figure" }, h("dt", {}, label), h("dd", { id }, `${formatCredits(micro)} credits`));
  main.append(
    h("dl", { class: "card figures", "aria-label": "Balance" },
      amount("Available", view.balance.available.microCredits, "balance-available"),
      amount("Posted", view.balance.posted.microCredits, "balance-posted"),
      amount("Held for purchases", view.balance.pendingOut.microCredits, "balance-pending-out"),
      amount("On its way in", view.balance.pendingIn.microCredits, "balance-pending-in")),
    h("h2", {}, "History"),
    view.history.length === 0 ? h("p", {}, "No credits have moved yet. Watch with compute on to earn some.") : historyTable(view.history),
  );
}

function historyTable(entries: WalletEntry[]): HTMLElement {
  return h("table", { class: "card history" },
    h("caption", { class: "visually-hidden" }, "Wallet history, newest first"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "When"), h("th", { scope: "col" }, "What"),
      h("th", { scope: "col", class: "number" }, "Credits"), h("th", { scope: "col" }, "State"))),
    h("tbody", {}, ...entries.map((entry) => h("tr", {},
      h("td", {}, new Date(entry.at).toLocaleString()),
      h("td", {}, KindNames[entry.kind] ?? entry.kind),
      h("td", { class: `number ${entry.amount.microCredits < 0 ? "out" : "in"}` }, formatCredits(entry.amount.microCredits)),
      h("td", {}, entry.state)))));
}
