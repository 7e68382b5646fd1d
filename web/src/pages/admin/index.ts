import { h } from "../../dom";
import { hasRole, signedInUser } from "../../session";
import { requireSignIn } from "../account";
import { brokerSection } from "./broker";
import { reconciliationSection } from "./reconciliation";
import { swarmsSection } from "./swarms";

/** The operator's view: live swarms, the broker's health, the reconciliation report and the back-office tools. */
export async function renderAdmin(main: HTMLElement): Promise<(() => void) | void> {
  if (!signedInUser()) return requireSignIn();
  main.append(h("h1", {}, "Operations"));
  if (!hasRole("admin")) {
    main.append(h("p", {}, "This page is for operators (admin accounts)."));
    return;
  }
  const swarms = swarmsSection();
  const broker = brokerSection();
  main.append(h("div", { class: "dashboard" }, toolsNav(), swarms.element, broker.element, reconciliationSection()));
  return () => {
    swarms.stop();
    broker.stop();
  };
}

/** The server's own tools open outside the app (full page loads), hence no data-link. */
function toolsNav(): HTMLElement {
  return h("nav", { class: "card tools", "aria-label": "Operator tools" },
    h("a", { href: "/hangfire", id: "link-hangfire" }, "Background jobs (Hangfire dashboard)"),
    h("a", { href: "/scalar", id: "link-scalar" }, "API reference (Scalar)"));
}
