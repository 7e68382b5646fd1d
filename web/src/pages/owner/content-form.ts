import { ApiError, registerContent, updateContent, type ContentRequest, type OwnedContent } from "../../api";
import { formatCredits, parseCredits } from "../../credits";
import { field, h, messageArea, showMessage } from "../../dom";

// One form registers a new item or edits an existing one. The server checks everything again (and whether the
// origin may be fetched); its field errors are shown next to the message and mark the fields they concern.

export interface ContentForm { element: HTMLElement; edit: (item: OwnedContent) => void }

/** The server's field names, as its validation problems file them. */
type ServerField = "title" | "masterPlaylistUrl" | "priceMicroCredits" | "licenseDays";

export function contentForm(onSaved: (item: OwnedContent) => void): ContentForm {
  const title = h("input", { id: "content-title", required: true, maxlength: "200" });
  const url = h("input", { id: "content-url", type: "url", required: true, maxlength: "2000", placeholder: "https://cdn.example/show/master.m3u8" });
  const price = h("input", { id: "content-price", inputmode: "decimal", required: true, placeholder: "e.g. 5 or 0.5 (0 = free)" });
  const days = h("input", { id: "content-days", type: "number", min: "1", max: "3650", step: "1", placeholder: "forever" });
  const live = h("input", { id: "content-live", type: "checkbox" });
  const published = h("input", { id: "content-published", type: "checkbox", checked: true });
  const heading = h("h2", { id: "content-form-heading" }, "Register content");
  const save = h("button", { type: "submit" }, "Register");
  const cancel = h("button", { type: "button", class: "link-button", hidden: true }, "Cancel editing");
  const message = messageArea();
  const inputs: Record<ServerField, HTMLInputElement> = { title, masterPlaylistUrl: url, priceMicroCredits: price, licenseDays: days };
  let editing: OwnedContent | null = null;

  const form = h("form", { class: "card", "aria-labelledby": "content-form-heading", novalidate: true },
    heading,
    field("Title", title), field("Master playlist URL", url),
    h("div", { class: "row" }, field("Price (credits)", price), field("License days", days)),
    h("div", { class: "row" }, switchField("Live stream", live), switchField("Published in the catalog", published)),
    h("div", { class: "actions" }, save, cancel), message);

  const reset = () => {
    editing = null;
    form.reset();
    published.checked = true;
    heading.textContent = "Register content";
    save.textContent = "Register";
    cancel.hidden = true;
    markInvalid([]);
  };
  const markInvalid = (fields: string[]) => {
    for (const [name, input] of Object.entries(inputs)) {
      if (fields.includes(name)) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  };
  cancel.addEventListener("click", () => {
    reset();
    showMessage(message, "");
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const request = readForm();
    if ("problem" in request) {
      markInvalid([request.field]);
      showMessage(message, request.problem, "error");
      inputs[request.field].focus();
      return;
    }
    save.disabled = true;
    showMessage(message, "Saving…");
    try {
      const saved = editing ? await updateContent(editing.id, request) : await registerContent(request);
      const verb = editing ? "Saved" : "Registered";
      reset();
      showMessage(message, `${verb} “${saved.title}”. Its playlists are read in the background; the list shows how that went.`);
      onSaved(saved);
    } catch (problem) {
      if (problem instanceof ApiError) {
        markInvalid(Object.keys(problem.fieldErrors));
        const all = Object.values(problem.fieldErrors).flat();
        showMessage(message, all.length > 0 ? all.join(" ") : problem.message, "error");
      } else {
        showMessage(message, "Could not reach the server.", "error");
      }
    } finally {
      save.disabled = false;
    }
  });

  const edit = (item: OwnedContent) => {
    editing = item;
    title.value = item.title;
    url.value = item.masterPlaylistUrl;
    price.value = formatCredits(item.priceMicroCredits);
    days.value = item.licenseDays === null ? "" : String(item.licenseDays);
    live.checked = item.live;
    published.checked = item.published;
    heading.textContent = `Edit “${item.title}”`;
    save.textContent = "Save changes";
    cancel.hidden = false;
    markInvalid([]);
    showMessage(message, "");
    title.focus();
  };
  return { element: form, edit };

  /** The request, or the first thing wrong with the form and which field it concerns. */
  function readForm(): ContentRequest | { problem: string; field: ServerField } {
    if (title.value.trim() === "") return { problem: "Give the content a title.", field: "title" };
    if (url.value.trim() === "") return { problem: "Give the URL of the HLS master playlist.", field: "masterPlaylistUrl" };
    const micro = parseCredits(price.value);
    if (micro === null) return { problem: "Give the price in credits, e.g. 5 or 0.25 (at most six decimals; 0 for free).", field: "priceMicroCredits" };
    let licenseDays: number | null = null;
    if (days.value.trim() !== "") {
      licenseDays = Number(days.value);
      if (!Number.isInteger(licenseDays) || licenseDays < 1) return { problem: "License days is a whole number of days, or empty for forever.", field: "licenseDays" };
    }
    return { title: title.value.trim(), masterPlaylistUrl: url.value.trim(), live: live.checked, priceMicroCredits: micro, published: published.checked, licenseDays };
  }
}

function switchField(label: string, input: HTMLInputElement): HTMLElement {
  return h("div", { class: "field switch" }, input, h("label", { for: input.id }, label));
}
