// The verified segments this page holds, to play and to serve to its group mates. Only bytes whose SHA-256 matched
// the server's manifest go in, so the page never passes on a bad copy.

const Capacity = 120;

export class SegmentStore {
  private readonly segments = new Map<number, ArrayBuffer>();

  put(sequence: number, bytes: ArrayBuffer): void {
    this.segments.delete(sequence);
    this.segments.set(sequence, bytes);
    while (this.segments.size > Capacity) {
      this.segments.delete(this.segments.keys().next().value as number);
    }
  }

  get(sequence: number): ArrayBuffer | undefined {
    return this.segments.get(sequence);
  }
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
