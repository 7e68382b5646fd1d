import { ApiError, signIn, signUpAs } from "../api";
import { field, h, messageArea, showMessage } from "../dom";
import { navigate } from "../router";

// Sign in and sign up share one form; sign-up makes an account in the chosen role (viewer by default) and signs it in
// straight away, landing on that role's page.

export async function renderSignIn(main: HTMLElement): Promise<void> {
  renderForm(main, "Sign in", "Sign in", async (email, password) => {
    await signIn(email, password);
  });
  main.append(h("p", {}, "New here? ", h("a", { href: "/signup", "data-link": true }, "Create an account")));
}

const RoleHomes: Record<string, string> = { viewer: "/catalog", customer: "/customer", owner: "/owner" };

export async function renderSignUp(main: HTMLElement): Promise<void> {
  const role = h("select", { id: "role", name: "role" },
    h("option", { value: "viewer" }, "Viewer: watch, compute and earn credits"),
    h("option", { value: "customer" }, "Compute customer: run jobs on viewers' devices"),
    h("option", { value: "owner" }, "Content owner: publish content and get paid"));
  renderForm(main, "Create an account", "Sign up", async (email, password) => {
    await signUpAs(email, password, role.value);
    await signIn(email, password);
    return RoleHomes[role.value];
  }, field("Account type", role));
  main.append(
    h("p", { class: "hint" }, "Passwords need at least 8 characters with a digit and a lowercase letter."),
    h("p", {}, "Have an account? ", h("a", { href: "/signin", "data-link": true }, "Sign in")),
  );
}

function renderForm(
  main: HTMLElement, heading: string, action: string, submit: (email: string, password: string) => Promise<string | void>, extra?: HTMLElement,
): void {
  const email = h("input", { id: "email", type: "email", name: "email", autocomplete: "email", required: true });
  const password = h("input", {
    id: "password", type: "password", name: "password", required: true, minlength: "8",
    autocomplete: action === "Sign up" ? "new-password" : "current-password",
  });
  const button = h("button", { type: "submit" }, action);
  const message = messageArea();
  const form = h("form", { class: "card narrow", "aria-labelledby": "form-heading" },
    h("h1", { id: "form-heading" }, heading), field("Email", email), field("Password", password), extra, button, message);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    showMessage(message, "Working…");
    try {
      const home = await submit(email.value.trim(), password.value);
      navigate(afterSignIn(home ?? undefined));
    } catch (problem) {
      showMessage(message, problem instanceof ApiError ? problem.message : "Could not reach the server.", "error");
    } finally {
      button.disabled = false;
    }
  });
  main.append(form);
}

/** Back to the page that sent the visitor here, when it is one of ours. */
function afterSignIn(home = "/catalog"): string {
  const next = new URLSearchParams(location.search).get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : home;
}

/** Pages that need an account send the visitor to sign in and back. */
export function requireSignIn(): void {
  navigate(`/signin?next=${encodeURIComponent(location.pathname)}`);
}
