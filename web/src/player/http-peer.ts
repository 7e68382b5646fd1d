// Segments from headless agents in the group, over plain HTTP: agents have no WebRTC, so they serve what they hold at
// GET {endpoint}/segments/{contentId}/{rendition}/{sequence} and tell their group mates that endpoint through the
// hub's signaling ({"kind":"http-endpoint","url":…}). Their answers carry CORS headers; 404 means "not yet", 503
// "all upload slots busy" — both ask again later, like a data channel's "miss". The caller checks the SHA-256.

/** The most the server reads of a segment from an origin; an agent sending more is cut off. */
const MaxSegmentBytes = 32 * 1024 * 1024;
const MaxEndpointLength = 2_048;

export type HttpAnswer = { bytes: ArrayBuffer } | { missing: true } | { failed: true };

export class HttpPeers {
  private readonly endpoints = new Map<string, URL>();

  constructor(private readonly contentId: string, private readonly rendition: string) {}

  /** Takes an agent's endpoint announcement; anything else (WebRTC signals, garbage) is left alone. */
  receiveSignal(from: string, payload: string): boolean {
    let message: { kind?: unknown; url?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return false;
    }
    if (message === null || typeof message !== "object" || message.kind !== "http-endpoint") return false;
    const endpoint = endpointOf(message.url);
    if (endpoint) this.endpoints.set(from, endpoint);
    return endpoint !== null;
  }

  has(peer: string): boolean {
    return this.endpoints.has(peer);
  }

  /** Forgets the endpoints of peers no longer in the group. */
  keepOnly(members: string[]): void {
    const wanted = new Set(members);
    for (const peer of [...this.endpoints.keys()]) if (!wanted.has(peer)) this.endpoints.delete(peer);
  }

  async request(peer: string, sequence: number, timeoutMs: number): Promise<HttpAnswer> {
    const endpoint = this.endpoints.get(peer);
    if (!endpoint) return { failed: true };
    const url = new URL(`segments/${encodeURIComponent(this.contentId)}/${encodeURIComponent(this.rendition)}/${sequence}`, endpoint);
    const abort = new AbortController();
    const timer = window.setTimeout(() => abort.abort(), timeoutMs);
    try {
      // No cookies or referrer for an agent, no redirects elsewhere: it gets a plain GET of one public path.
      const response = await fetch(url, {
        mode: "cors", credentials: "omit", redirect: "error", referrerPolicy: "no-referrer", cache: "no-store", signal: abort.signal,
      });
      if (response.status === 404 || response.status === 503) return { missing: true };
      const declared = Number(response.headers.get("Content-Length") ?? "0");
      if (!response.ok || declared > MaxSegmentBytes) return { failed: true };
      const bytes = await readAtMost(response, MaxSegmentBytes);
      return bytes ? { bytes } : { failed: true };
    } catch {
      return { failed: true }; // refused, reset, blocked by CORS or out of time
    } finally {
      window.clearTimeout(timer);
    }
  }
}

/** Only an http(s) origin is believed: a mate's announcement can't aim the page at a path, a user name or another scheme. */
function endpointOf(value: unknown): URL | null {
  if (typeof value !== "string" || value.length > MaxEndpointLength) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) return null;
  return new URL(`${url.origin}/`);
}

async function readAtMost(response: Response, limit: number): Promise<ArrayBuffer | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const whole = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  return whole.buffer;
}
