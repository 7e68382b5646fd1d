import { h } from "../../dom";
import { hasRole, signedInUser } from "../../session";
import { requireSignIn } from "../account";
import { apiKeysSection } from "./api-keys";
import { billingSection } from "./billing";
import { jobsSection } from "./jobs";
import { submitJobSection } from "./submit-job";

/** The compute customer's dashboard: keys, a job form, live jobs, usage and invoices. */
export async function renderCustomer(main: HTMLElement): Promise<(() => void) | void> {
  if (!signedInUser()) return requireSignIn();
  main.append(h("h1", {}, "Compute jobs"));
  if (!hasRole("customer")) {
    main.append(h("p", {}, "This page is for compute customer accounts."));
    return;
  }
  const jobsView = jobsSection();
  const billing = billingSection();
  main.append(h("div", { class: "dashboard" }, jobsView.element, submitJobSection((job) => jobsView.select(job.id)), apiKeysSection(), billing.element));
  return () => {
    jobsView.stop();
    billing.stop();
  };
}
