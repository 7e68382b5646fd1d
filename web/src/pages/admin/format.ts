// Number formats shared by the operator's sections. Amounts are integers (cents, micro-credits) and are turned into
// text by integer arithmetic, so a figure on the page is exactly the API's figure.

import type { LedgerCurrency } from "../../api";
import { h } from "../../dom";

/** An integer amount in its smallest unit as text with the given number of decimals, e.g. (-1234, 2) → "-12.34". */
function fixedPoint(amount: number, decimals: number): string {
  const sign = amount < 0 ? "-" : "";
  const digits = String(Math.abs(amount)).padStart(decimals + 1, "0");
  return `${sign}${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}`;
}

export function money(amount: number, currency: LedgerCurrency | string): string {
  return currency === "Usd" ? `${fixedPoint(amount, 2)} USD` : `${fixedPoint(amount, 6)} credits`;
}

/** Basis points as a percentage with two decimals: 3333 → "33.33 %". */
export function basisPoints(perTenThousand: number): string {
  return `${fixedPoint(perTenThousand, 2)} %`;
}

export function bytes(count: number): string {
  if (count < 1024) return `${count} B`;
  if (count < 1024 * 1024) return `${(count / 1024).toFixed(1)} KiB`;
  return `${(count / (1024 * 1024)).toFixed(1)} MiB`;
}

/** One labelled figure of a <dl class="figures">; the raw number rides along in data-value for tools and tests. */
export function figure(label: string, value: string, id: string, raw?: number): HTMLElement {
  return h("div", { class: "figure" }, h("dt", {}, label), h("dd", { id, "data-value": raw === undefined ? undefined : String(raw) }, value));
}
