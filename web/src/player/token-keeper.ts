import { playbackToken, type PlaybackToken } from "../api";

// Playback tokens last ten minutes (never past the license); the keeper asks for the next one two minutes before
// the current one ends, so segment requests always carry a valid token.

const RenewAheadMs = 2 * 60_000;
const RetryMs = 15_000;

export class TokenKeeper {
  private timer = 0;

  private constructor(private readonly contentId: string, private token: PlaybackToken) {
    this.schedule();
  }

  static async start(contentId: string): Promise<TokenKeeper> {
    return new TokenKeeper(contentId, await playbackToken(contentId));
  }

  current(): string | null {
    return this.token.required ? this.token.token : null;
  }

  stop(): void {
    window.clearTimeout(this.timer);
  }

  private schedule(delayMs = Math.max(1_000, Date.parse(this.token.expiresAt) - Date.now() - RenewAheadMs)): void {
    this.timer = window.setTimeout(async () => {
      try {
        this.token = await playbackToken(this.contentId);
        this.schedule();
      } catch {
        this.schedule(RetryMs);
      }
    }, delayMs);
  }
}
