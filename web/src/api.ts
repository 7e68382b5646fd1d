// The server's JSON API as the pages use it. The session is the HttpOnly `gridstream` cookie, which the browser
// sends by itself on same-origin requests; nothing here ever sees a token.

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly fieldErrors: Record<string, string[]> = {}) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, headers: { Accept: "application/json", ...headers }, credentials: "same-origin" };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)["Content-Type"] = "application/json";
  }
  const response = await fetch(path, init);
  if (!response.ok) throw await problemOf(response);
  const text = await response.text();
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

/** Turns an RFC 7807 problem (or whatever the server said) into one readable sentence. */
async function problemOf(response: Response): Promise<ApiError> {
  const fallback = response.status === 401 ? "Please sign in first." : `The server answered ${response.status}.`;
  try {
    const problem = (await response.json()) as { title?: string; detail?: string; errors?: Record<string, string[]> };
    const fieldErrors = problem.errors ?? {};
    const firstFieldError = Object.values(fieldErrors).flat()[0];
    return new ApiError(response.status, firstFieldError ?? problem.detail ?? problem.title ?? fallback, fieldErrors);
  } catch {
    return new ApiError(response.status, fallback);
  }
}

export interface Me { id: string; email: string; roles: string[] }
export interface CatalogItem { id: string; title: string; live: boolean; priceMicroCredits: number; licenseDays: number | null; licensed: boolean | null }
export interface CatalogPage { items: CatalogItem[]; page: number; pageSize: number; total: number }
export interface CreditAmount { microCredits: number; credits: string }
export interface WalletEntry { id: number; kind: string; amount: CreditAmount; reference: string | null; state: string; at: string }
export interface WalletView {
  balance: { posted: CreditAmount; available: CreditAmount; pendingOut: CreditAmount; pendingIn: CreditAmount };
  history: WalletEntry[];
  nextBefore: number | null;
}
export interface PlaybackToken { contentId: string; token: string; expiresAt: string; required: boolean }
export interface PlaybackRendition { name: string; bandwidth: number; resolution: string | null; playlistUrl: string }
export interface PlaybackInfo { contentId: string; title: string; live: boolean; renditions: PlaybackRendition[] }

export const signIn = (email: string, password: string) =>
  api<void>("POST", "/api/accounts/signin?useCookies=true", { email, password });
export const signUp = (email: string, password: string) =>
  api<void>("POST", "/api/accounts/signup", { email, password, role: "viewer" });
export const signOut = () => api<void>("POST", "/api/accounts/signout");
export const me = () => api<Me>("GET", "/api/me");
export const catalog = () => api<CatalogPage>("GET", "/api/content?pageSize=100");
export const contentItem = (id: string) => api<CatalogItem>("GET", `/api/content/${encodeURIComponent(id)}`);
export const wallet = () => api<WalletView>("GET", "/api/wallet?limit=50");
export const playbackInfo = (id: string) => api<PlaybackInfo>("GET", `/api/content/${encodeURIComponent(id)}/playback`);
export const playbackToken = (id: string) => api<PlaybackToken>("POST", `/api/content/${encodeURIComponent(id)}/playback-token`);
export const buyLicense = (id: string, idempotencyKey: string) =>
  api<unknown>("POST", `/api/content/${encodeURIComponent(id)}/license`, undefined, { "Idempotency-Key": idempotencyKey });
