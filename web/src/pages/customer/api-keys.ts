import { ApiError, apiKeys, createApiKey, revokeApiKey, type ApiKeySummary } from "../../api";
import { field, h, messageArea, showMessage } from "../../dom";

// API keys: scripts and the `gridstream jobs` command authenticate with them. The secret is shown once, right after
// it is made; the server keeps only its hash.

export function apiKeysSection(): HTMLElement {
  const list = h("div", { id: "api-keys" });
  const name = h("input", { id: "key-name", name: "key-name", required: true, maxlength: "100", placeholder: "e.g. build server" });
  const create = h("button", { type: "submit" }, "Create key");
  const message = messageArea();
  const secret = h("div", { id: "new-key", class: "secret", hidden: true });
  const form = h("form", { class: "inline-form", "aria-label": "Create an API key" }, field("Key name", name), create);

  const refresh = async () => {
    try {
      list.replaceChildren(keysTable(await apiKeys(), refresh, message));
    } catch (problem) {
      showMessage(message, problem instanceof ApiError ? problem.message : "Could not load your keys.", "error");
    }
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    create.disabled = true;
    try {
      const key = await createApiKey(name.value.trim());
      secret.hidden = false;
      secret.replaceChildren(
        h("p", {}, `Your new key “${key.name}”. Copy it now: it is not shown again.`),
        h("code", { id: "new-key-secret" }, key.secret));
      name.value = "";
      showMessage(message, "");
      await refresh();
    } catch (problem) {
      showMessage(message, problem instanceof ApiError ? problem.message : "Could not create the key.", "error");
    } finally {
      create.disabled = false;
    }
  });
  void refresh();
  return h("section", { class: "card", "aria-labelledby": "keys-heading" },
    h("h2", { id: "keys-heading" }, "API keys"), form, secret, message, list);
}

function keysTable(keys: ApiKeySummary[], refresh: () => Promise<void>, message: HTMLElement): HTMLElement {
  if (keys.length === 0) return h("p", {}, "No keys yet.");
  const when = (at: string | null) => (at ? new Date(at).toLocaleString() : "–");
  return h("table", { class: "history" },
    h("caption", { class: "visually-hidden" }, "Your API keys"),
    h("thead", {}, h("tr", {}, ...["Name", "Starts with", "Created", "Last used", "State", ""].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, ...keys.map((key) => {
      const revoke = h("button", { type: "button", class: "link-button", "aria-label": `Revoke ${key.name}` }, "Revoke");
      revoke.addEventListener("click", async () => {
        revoke.disabled = true;
        try {
          await revokeApiKey(key.id);
          await refresh();
        } catch (problem) {
          showMessage(message, problem instanceof ApiError ? problem.message : "Could not revoke the key.", "error");
          revoke.disabled = false;
        }
      });
      return h("tr", { "data-key": key.id },
        h("td", {}, key.name), h("td", {}, h("code", {}, key.prefix)), h("td", {}, when(key.createdAt)), h("td", {}, when(key.lastUsedAt)),
        h("td", {}, key.revokedAt ? "Revoked" : "Active"), h("td", {}, key.revokedAt ? "" : revoke));
    })));
}
