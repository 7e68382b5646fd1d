import { ApiError, ownerStripe, startStripeOnboarding, type OwnerStripeAccount } from "../../api";
import { h, messageArea, showMessage } from "../../dom";

// Where payouts go: a Stripe connected account when the server has Stripe keys; otherwise an admin confirms each
// payout by hand (the server answers 503 and there is nothing for the owner to set up).

export function stripeSection(): HTMLElement {
  const body = h("div", { id: "stripe" }, h("p", {}, "Loading…"));
  const message = messageArea();
  const load = async () => {
    try {
      body.replaceChildren(...accountView(await ownerStripe(), message));
    } catch (problem) {
      if (problem instanceof ApiError && problem.status === 503) {
        body.replaceChildren(h("p", { id: "stripe-status", "data-status": "offline" },
          "Payouts are confirmed by an admin on this server: it runs without Stripe, so there is nothing to set up."));
        return;
      }
      showMessage(message, problem instanceof ApiError ? problem.message : "Could not load your payout account.", "error");
    }
  };
  void load();
  return h("section", { class: "card", "aria-labelledby": "stripe-heading" }, h("h2", { id: "stripe-heading" }, "Payout account"), body, message);
}

function accountView(account: OwnerStripeAccount, message: HTMLElement): HTMLElement[] {
  const status = account.payoutsReady ? "ready" : account.connected ? "incomplete" : "none";
  const words = account.payoutsReady ? `Stripe account ${account.accountId} is ready: payouts are transferred to it.`
    : account.connected ? `Stripe account ${account.accountId} is not ready yet: ${account.notReadyReason ?? "Stripe needs more details."}`
    : "No Stripe account yet: connect one to be paid.";
  const parts: HTMLElement[] = [h("p", { id: "stripe-status", "data-status": status }, words)];
  if (account.currentlyDue.length > 0) {
    parts.push(h("p", { class: "hint" }, "Stripe still needs: ", account.currentlyDue.join(", ")));
  }
  if (!account.payoutsReady) {
    const start = h("button", { type: "button" }, account.connected ? "Continue Stripe onboarding" : "Set up payouts with Stripe");
    start.addEventListener("click", async () => {
      start.disabled = true;
      showMessage(message, "Asking Stripe for an onboarding link…");
      try {
        location.assign((await startStripeOnboarding()).url);
      } catch (problem) {
        showMessage(message, problem instanceof ApiError ? problem.message : "Could not reach the server.", "error");
        start.disabled = false;
      }
    });
    parts.push(start);
  }
  return parts;
}
