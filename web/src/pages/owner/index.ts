import { h } from "../../dom";
import { hasRole, signedInUser } from "../../session";
import { requireSignIn } from "../account";
import { audienceSection } from "./audience";
import { contentList } from "./content";
import { contentForm } from "./content-form";
import { payoutsSection } from "./payouts";
import { salesSection } from "./sales";
import { stripeSection } from "./stripe";

/** The content owner's dashboard: content, sales, audience and CDN savings, payouts and where they go. */
export async function renderOwner(main: HTMLElement): Promise<(() => void) | void> {
  if (!signedInUser()) return requireSignIn();
  main.append(h("h1", {}, "Your content and earnings"));
  if (!hasRole("owner")) {
    main.append(h("p", {}, "This page is for content owner accounts."));
    return;
  }
  const list = contentList((item) => form.edit(item));
  const form = contentForm(() => void list.refresh());
  const sales = salesSection();
  const audience = audienceSection();
  const payouts = payoutsSection();
  main.append(h("div", { class: "dashboard" }, list.element, form.element, sales.element, audience.element, payouts.element, stripeSection()));
  return () => {
    list.stop();
    sales.stop();
    audience.stop();
    payouts.stop();
  };
}
