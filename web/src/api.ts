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
export const signOut = () => api<void>("POST", "/api/accounts/signout");
export const me = () => api<Me>("GET", "/api/me");
export const catalog = () => api<CatalogPage>("GET", "/api/content?pageSize=100");
export const contentItem = (id: string) => api<CatalogItem>("GET", `/api/content/${encodeURIComponent(id)}`);
export const wallet = () => api<WalletView>("GET", "/api/wallet?limit=50");
export const playbackInfo = (id: string) => api<PlaybackInfo>("GET", `/api/content/${encodeURIComponent(id)}/playback`);
export const playbackToken = (id: string) => api<PlaybackToken>("POST", `/api/content/${encodeURIComponent(id)}/playback-token`);
export const buyLicense = (id: string, idempotencyKey: string) =>
  api<unknown>("POST", `/api/content/${encodeURIComponent(id)}/license`, undefined, { "Idempotency-Key": idempotencyKey });

// Compute customers (issue 8): API keys, jobs, billing.
export interface ApiKeySummary { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }
export interface CreatedApiKey { id: string; name: string; prefix: string; secret: string; createdAt: string }
export type JobState = "Running" | "Completed" | "Cancelled";
export interface JobSummary { id: string; name: string; state: JobState; units: number; accepted: number; failed: number; createdAt: string; finishedAt: string | null }
export interface JobPage { jobs: JobSummary[]; page: number; pageSize: number; total: number }
export interface UnitCounts { waiting: number; inProgress: number; accepted: number; failed: number; cancelled: number }
export interface JobDetails {
  id: string; name: string; sample: string | null; state: JobState; priceCentsPerUnit: number; units: number; counts: UnitCounts;
  percentDone: number; unitsPerSecond: number; estimatedSecondsLeft: number | null; costCents: number; createdAt: string; finishedAt: string | null;
}
export interface InvoiceView { invoiceId: string; status: string; amountDueCents: number; amountPaidCents: number; lastEventAt: string }
export interface BillingAccount {
  stripe: "Connected" | "NotConnected" | "Offline"; stripeCustomerId: string | null; standing: string;
  totalUsageCents: number; totalPaidCents: number; outstandingCents: number; invoices: { items: InvoiceView[]; total: number };
}
export interface JobSubmission { name: string; sample?: string; code?: string; inputs?: unknown; policy?: { quorum: number }; priceCentsPerUnit?: number }

export const signUpAs = (email: string, password: string, role: string) =>
  api<void>("POST", "/api/accounts/signup", { email, password, role });
export const apiKeys = () => api<ApiKeySummary[]>("GET", "/api/keys");
export const createApiKey = (name: string) => api<CreatedApiKey>("POST", "/api/keys", { name });
export const revokeApiKey = (id: string) => api<void>("DELETE", `/api/keys/${encodeURIComponent(id)}`);
export const sampleJobs = () => api<string[]>("GET", "/api/jobs/samples");
export const jobs = () => api<JobPage>("GET", "/api/jobs?pageSize=50");
export const job = (id: string) => api<JobDetails>("GET", `/api/jobs/${encodeURIComponent(id)}`);
export const submitJob = (submission: JobSubmission) => api<JobDetails>("POST", "/api/jobs", submission);
export const cancelJob = (id: string) => api<unknown>("DELETE", `/api/jobs/${encodeURIComponent(id)}`);
export const billingAccount = () => api<BillingAccount>("GET", "/api/billing/account");
export interface TimelinePoint { end: string; accepted: number; failed: number; unitsPerSecond: number; costCentsSoFar: number }
export interface JobTimeline { jobId: string; start: string; end: string; intervalSeconds: number; points: TimelinePoint[] }
export const jobTimeline = (id: string) => api<JobTimeline>("GET", `/api/jobs/${encodeURIComponent(id)}/timeline`);

// Content owners (issue 8): their content, sales, audience, payouts and Stripe onboarding.
export type ManifestState = "Pending" | "Ready" | "Failed";
export interface RenditionSummary { name: string; bandwidth: number; resolution: string | null; live: boolean; ended: boolean; segmentCount: number }
export interface OwnedContent {
  id: string; title: string; masterPlaylistUrl: string; live: boolean; priceMicroCredits: number; published: boolean; createdAt: string;
  updatedAt: string; manifestState: ManifestState; manifestError: string | null; renditions: RenditionSummary[]; licenseDays: number | null;
}
export interface ContentRequest {
  title: string; masterPlaylistUrl: string; live: boolean; priceMicroCredits: number; published: boolean; licenseDays: number | null;
}
export interface DaySales { day: string; licenses: number; earnedMicroCredits: number }
export interface OwnerSales { firstDay: string; lastDay: string; days: DaySales[]; licenses: number; earnedMicroCredits: number }
export interface ItemAudience {
  contentId: string; title: string; peerBytes: number; cdnBytes: number; cdnBytesSaved: number; peerShare: number | null; peakPeers: number; snapshots: number;
}
export interface OwnerAudience { since: string; items: ItemAudience[]; peerBytes: number; cdnBytes: number; cdnBytesSaved: number; peerShare: number | null }
export type PayoutState = "InTransit" | "Paid" | "Failed";
export interface PayoutView {
  id: string; periodStart: string; periodEnd: string; creditsConvertedMicroCredits: number; cents: number; dollars: string;
  microCreditsPerCent: number; state: PayoutState; gateway: string; externalReference: string | null; failureReason: string | null;
  createdAt: string; settledAt: string | null;
}
export interface PayoutPage { items: PayoutView[]; page: number; pageSize: number; total: number }
export interface StatementLine { soldAt: string; contentTitle: string; licenseId: string; priceMicroCredits: number; feeMicroCredits: number; earningsMicroCredits: number }
export interface PayoutStatement {
  payoutId: string; periodStart: string; periodEnd: string; state: PayoutState; lines: StatementLine[];
  totals: { salesMicroCredits: number; feesMicroCredits: number; earningsMicroCredits: number };
  broughtForwardMicroCredits: number; creditsConvertedMicroCredits: number; carriedForwardMicroCredits: number;
  microCreditsPerCent: number; payoutCents: number; payoutDollars: string; tiesOut: boolean;
}
export interface OwnerStripeAccount {
  connected: boolean; accountId: string | null; payoutsReady: boolean; payoutsEnabled: boolean; transfersActive: boolean;
  currentlyDue: string[]; notReadyReason: string | null; statusAt: string | null;
}
export interface StripeOnboardingLink { accountId: string; url: string; expiresAt: string }

export const myContent = () => api<OwnedContent[]>("GET", "/api/content/mine");
export const registerContent = (request: ContentRequest) => api<OwnedContent>("POST", "/api/content", request);
export const updateContent = (id: string, request: ContentRequest) => api<OwnedContent>("PUT", `/api/content/${encodeURIComponent(id)}`, request);
export const ownerSales = (days: number) => api<OwnerSales>("GET", `/api/owner/sales?days=${days}`);
export const ownerAudience = (days: number) => api<OwnerAudience>("GET", `/api/owner/audience?days=${days}`);
export const payouts = () => api<PayoutPage>("GET", "/api/payouts?pageSize=50");
export const payoutStatement = (id: string) => api<PayoutStatement>("GET", `/api/payouts/${encodeURIComponent(id)}/statement`);
export const statementCsvPath = (id: string) => `/api/payouts/${encodeURIComponent(id)}/statement.csv`;
export const ownerStripe = () => api<OwnerStripeAccount>("GET", "/api/owner/stripe");
export const startStripeOnboarding = () => api<StripeOnboardingLink>("POST", "/api/owner/stripe/onboarding");

// Operators (issue 8): swarms, broker health, the reconciliation report.
export interface SwarmView {
  contentId: string; rendition: string; peers: number; groupSizes: number[]; cdnBytes: number; peerBytes: number;
  peerSharePerTenThousand: number; stalls: number;
}
export interface TrustBucket { label: string; from: number; to: number | null; trusted: boolean; accounts: number }
export interface BrokerHealth {
  at: string; unitsWaiting: number; unitsLeased: number; leasesInFlight: number; throughputWindowSeconds: number;
  acceptedInWindow: number; failedInWindow: number; validatedPerSecond: number; replicaWindowSeconds: number; replicaWindowMaxRows: number;
  replicas: { finished: number; valid: number; invalid: number; errored: number };
  errorRatePerTenThousand: number; disagreementRatePerTenThousand: number; trust: TrustBucket[];
}
export type LedgerCurrency = "Usd" | "Credits";
export interface IdentitySide { label: string; terms: { label: string; amount: number }[]; total: number }
export interface ReconciliationIdentity { name: string; currency: LedgerCurrency; sides: IdentitySide[]; balanced: boolean }
export interface CurrencyTotals {
  currency: string; accounts: number; transfers: number; debitsPosted: number; creditsPosted: number; debitsPending: number; creditsPending: number;
}
export interface UnmatchedRow { kind: string; reference: string; amount: number | null; problem: string }
export interface ExternalReconciliation {
  name: string; identities: ReconciliationIdentity[]; unmatchedCount: number; unmatched: UnmatchedRow[]; notChecked: string | null;
}
export interface ReconciliationReport {
  at: string; balanced: boolean; identities: ReconciliationIdentity[]; currencies: CurrencyTotals[];
  unmatchedCount: number; unmatched: UnmatchedRow[]; external: ExternalReconciliation[];
}

export const swarms = () => api<SwarmView[]>("GET", "/api/swarms");
export const brokerHealth = () => api<BrokerHealth>("GET", "/api/admin/broker");
export const reconciliation = () => api<ReconciliationReport>("GET", "/api/admin/reconciliation");
