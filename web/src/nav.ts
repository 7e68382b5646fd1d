import { signOut } from "./api";
import { h } from "./dom";
import { navigate } from "./router";
import { hasRole, refreshSession, signedInUser } from "./session";

/** The top bar's links: what the signed-in account's roles can do, or the way in. */
export function renderNav(): void {
  const nav = document.getElementById("nav")!;
  const user = signedInUser();
  const link = (path: string, text: string) =>
    h("a", { href: path, "data-link": true, "aria-current": location.pathname === path ? "page" : undefined }, text);
  if (!user) {
    nav.replaceChildren(link("/catalog", "Catalog"), link("/signin", "Sign in"), link("/signup", "Sign up"));
    return;
  }
  const leave = h("button", { type: "button", class: "link-button" }, "Sign out");
  leave.addEventListener("click", async () => {
    await signOut();
    await refreshSession();
    navigate("/signin");
  });
  nav.replaceChildren(
    link("/catalog", "Catalog"),
    hasRole("viewer") ? link("/wallet", "Wallet") : "",
    hasRole("customer") ? link("/customer", "Jobs") : "",
    hasRole("owner") ? link("/owner", "My content") : "",
    hasRole("admin") ? link("/admin", "Operations") : "",
    h("span", { class: "who" }, user.email), leave);
}
