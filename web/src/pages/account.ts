import { ApiError, signIn, signUp } from "../api";
import { field, h, messageArea, showMessage } from "../dom";
import { navigate } from "../router";

// Sign in and sign up share one form; sign-up makes a viewer account and signs it in straight away.

export async function renderSignIn(main: HTMLElement): Promise<void> {
  renderForm(main, "Sign in", "Sign in", async (email, password) => {
    await signIn(email, password);
  });
  main.append(h("p", {}, "New here? ", h("a", { href: "/signup", "data-link": true }, "Create a viewer account")));
}

export async function renderSignUp(main: HTMLElement): Promise<void> {
  renderForm(main, "Create a viewer account", "Sign up", async (email, password) => {
    await signUp(email, password);
    await signIn(email, password);
  });
  main.append(
    h("p", { class: "hint" }, "Passwords need at least 8 characters with a digit and a lowercase letter."),
    h("p", {}, "Have an account? ", h("a", { href: "/signin", "data-link": true }, "Sign in")),
  );
}

function renderForm(main: HTMLElement, heading: string, action: string, submit: (email: string, password: string) => Promise<void>): void {
  const email = h("input", { id: "email", type: "email", name: "email", autocomplete: "email", required: true });
  const password = h("input", {
    id: "password", type: "password", name: "password", required: true, minlength: "8",
    autocomplete: action === "Sign up" ? "new-password" : "current-password",
  });
  const button = h("button", { type: "submit" }, action);
  const message = messageArea();
  const form = h("form", { class: "card narrow", "aria-labelledby": "form-heading" },
    h("h1", { id: "form-heading" }, heading), field("Email", email), field("Password", password), button, message);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    showMessage(message, "Working…");
    try {
      await submit(email.value.trim(), password.value);
      navigate(afterSignIn());
    } catch (problem) {
      showMessage(message, problem instanceof ApiError ? problem.message : "Could not reach the server.", "error");
    } finally {
      button.disabled = false;
    }
  });
  main.append(form);
}

/** Back to the page that sent the visitor here, when it is one of ours. */
function afterSignIn(): string {
  const next = new URLSearchParams(location.search).get("next");
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/catalog";
}

/** Pages that need an account send the visitor to sign in and back. */
export function requireSignIn(): void {
  navigate(`/signin?next=${encodeURIComponent(location.pathname)}`);
}
