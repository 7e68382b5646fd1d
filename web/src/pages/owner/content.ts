import { ApiError, myContent, type OwnedContent } from "../../api";
import { creditsLabel } from "../../credits";
import { h, messageArea, showMessage } from "../../dom";

// The owner's items with how reading their playlists went. The list refreshes while any item is still pending, so a
// newly registered item turns Ready (or Failed, with the reason) without a reload.

const RefreshMs = 3_000;

export interface ContentList { element: HTMLElement; refresh: () => Promise<void>; stop: () => void }

export function contentList(onEdit: (item: OwnedContent) => void): ContentList {
  const body = h("div", { id: "owner-content" }, h("p", {}, "Loading…"));
  const message = messageArea();
  let pending = true;
  const refresh = async () => {
    try {
      const items = await myContent();
      pending = items.some((item) => item.manifestState === "Pending");
      body.replaceChildren(items.length === 0 ? h("p", {}, "Nothing registered yet: register your first item below.") : contentTable(items, onEdit));
      showMessage(message, "");
    } catch (problem) {
      showMessage(message, problem instanceof ApiError ? problem.message : "Could not load your content.", "error");
    }
  };
  const timer = window.setInterval(() => { if (pending) void refresh(); }, RefreshMs);
  void refresh();
  const element = h("section", { class: "card", "aria-labelledby": "content-heading" },
    h("h2", { id: "content-heading" }, "Your content"), body, message);
  return { element, refresh: async () => { pending = true; await refresh(); }, stop: () => window.clearInterval(timer) };
}

function contentTable(items: OwnedContent[], onEdit: (item: OwnedContent) => void): HTMLElement {
  return h("table", { class: "history" },
    h("caption", { class: "visually-hidden" }, "Your content items, newest first"),
    h("thead", {}, h("tr", {}, ...["Title", "Manifest", "Renditions", "Price", "License", "Catalog", ""]
      .map((t) => h("th", { scope: "col", class: t === "Price" ? "number" : undefined }, t)))),
    h("tbody", {}, ...items.map((item) => {
      const edit = h("button", { type: "button", class: "link-button", "aria-label": `Edit ${item.title}` }, "Edit");
      edit.addEventListener("click", () => onEdit(item));
      return h("tr", { "data-content": item.id, "data-manifest": item.manifestState },
        h("th", { scope: "row" }, item.title, item.live ? h("span", { class: "badge live" }, "Live") : ""),
        h("td", { class: "manifest" }, item.manifestState, item.manifestError ? h("span", { class: "hint" }, `: ${item.manifestError}`) : ""),
        h("td", {}, item.renditions.length === 0 ? "–" : item.renditions.map((r) => `${r.name} (${r.segmentCount} segments)`).join(", ")),
        h("td", { class: "number", "data-micro-credits": String(item.priceMicroCredits) }, item.priceMicroCredits === 0 ? "Free" : creditsLabel(item.priceMicroCredits)),
        h("td", {}, item.licenseDays === null ? "Forever" : `${item.licenseDays} days`),
        h("td", {}, item.published ? "Published" : "Hidden"),
        h("td", {}, edit));
    })));
}
