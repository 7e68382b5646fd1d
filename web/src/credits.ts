// Credits are integers of micro-credits everywhere (1 credit = 1,000,000); they are formatted with string arithmetic
// so no amount ever passes through a fraction.

const MicroPerCredit = 1_000_000n;

/** "1", "12.5", "0.000001": the exact amount in credits, without trailing zeros. */
export function formatCredits(microCredits: number): string {
  const value = BigInt(microCredits);
  const sign = value < 0n ? "-" : "";
  const magnitude = value < 0n ? -value : value;
  const whole = magnitude / MicroPerCredit;
  const fraction = (magnitude % MicroPerCredit).toString().padStart(6, "0").replace(/0+$/, "");
  return fraction === "" ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

export function creditsLabel(microCredits: number): string {
  const text = formatCredits(microCredits);
  return text === "1" ? "1 credit" : `${text} credits`;
}

/** "12.5" → 12500000 micro-credits; null when the text is not a non-negative amount with at most six decimals. */
export function parseCredits(text: string): number | null {
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return null;
  const micro = BigInt(match[1]) * MicroPerCredit + BigInt((match[2] ?? "").padEnd(6, "0"));
  return Number(micro);
}
