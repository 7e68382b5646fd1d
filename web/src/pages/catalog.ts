import { catalog, type CatalogItem } from "../api";
import { creditsLabel } from "../credits";
import { h } from "../dom";
import { signedInUser } from "../session";

export async function renderCatalog(main: HTMLElement): Promise<void> {
  main.append(h("h1", {}, "Catalog"));
  const page = await catalog();
  if (page.items.length === 0) {
    main.append(h("p", {}, "Nothing to watch yet."));
    return;
  }
  const signedIn = signedInUser() !== null;
  main.append(h("ul", { class: "catalog", "aria-label": "Content" }, ...page.items.map((item) => card(item, signedIn))));
}

function card(item: CatalogItem, signedIn: boolean): HTMLElement {
  const free = item.priceMicroCredits === 0;
  const price = free ? "Free" : creditsLabel(item.priceMicroCredits);
  const terms = free || item.licenseDays === null ? "" : ` for ${item.licenseDays} days`;
  const ownership = free ? "" : item.licensed ? "Owned" : signedIn ? "Not owned" : "";
  return h("li", { class: "card catalog-item", "data-content-id": item.id },
    h("h2", {}, h("a", { href: `/watch/${item.id}`, "data-link": true }, item.title)),
    h("p", { class: "badges" },
      item.live ? h("span", { class: "badge live" }, "Live") : h("span", { class: "badge" }, "On demand"),
      h("span", { class: "badge price" }, price + terms),
      ownership ? h("span", { class: `badge ${item.licensed ? "owned" : "not-owned"}` }, ownership) : null));
}
