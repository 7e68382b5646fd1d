// History-API routing for the app's few pages. The server answers these same paths with index.html (and nothing
// under /api, /hubs, /origin or /hangfire), so a reload or a shared link opens the right page.

export type PageRender = (main: HTMLElement, params: Record<string, string>) => Promise<(() => void) | void>;

interface Route { pattern: RegExp; names: string[]; render: PageRender }

const routes: Route[] = [];
let leaveCurrentPage: (() => void) | void = undefined;
let onNavigate: () => Promise<void> = async () => {};

export function route(path: string, render: PageRender): void {
  const names: string[] = [];
  const pattern = new RegExp("^" + path.replace(/:(\w+)/g, (_, name: string) => (names.push(name), "([^/]+)")) + "/?$");
  routes.push({ pattern, names, render });
}

export function navigate(path: string): void {
  history.pushState(null, "", path);
  void show();
}

export function startRouter(beforeEachPage: () => Promise<void>): void {
  onNavigate = beforeEachPage;
  window.addEventListener("popstate", () => void show());
  // Links marked data-link navigate inside the app; other links (and modified clicks) behave normally.
  document.addEventListener("click", (event) => {
    const link = (event.target as Element | null)?.closest("a[data-link]") as HTMLAnchorElement | null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(link.pathname);
  });
  void show();
}

async function show(): Promise<void> {
  if (leaveCurrentPage) leaveCurrentPage();
  leaveCurrentPage = undefined;
  await onNavigate();
  const main = document.getElementById("main")!;
  main.replaceChildren();
  const path = location.pathname === "/" ? "/catalog" : location.pathname;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const params = Object.fromEntries(candidate.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
    leaveCurrentPage = await candidate.render(main, params);
    main.focus();
    return;
  }
  main.append(Object.assign(document.createElement("h1"), { textContent: "Page not found" }));
}
