// Pseudonymous identifiers: a prefix and 8 hex digits from a bijective 32-bit mix of
// (LA index, running number), so IDs look random, never repeat within an extract (or
// across LAs in a national run) and never resemble NHS numbers or UPNs.

const PER_LA = 1 << 24;
/** Running numbers from here up are never issued: orphan faults draw their IDs there. */
export const UNUSED_FROM = 1 << 23;

function mix32(x: number, key: number): number {
  let h = (x ^ key) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export class IdSequence {
  private n = 0;
  constructor(
    readonly prefix: string,
    private readonly laIndex: number,
    private readonly key: number,
  ) {}

  private format(i: number): string {
    if (i >= PER_LA) throw new Error(`too many ${this.prefix} identifiers for one LA`);
    const hex = mix32(this.laIndex * PER_LA + i, this.key).toString(16).toUpperCase().padStart(8, '0');
    return `${this.prefix}${hex}`;
  }

  next(): string {
    if (this.n >= UNUSED_FROM) throw new Error(`too many ${this.prefix} identifiers for one LA`);
    return this.format(this.n++);
  }

  /** An identifier of the same shape that `next()` never returns. */
  unused(i: number): string {
    return this.format(UNUSED_FROM + i);
  }

  get issued(): number {
    return this.n;
  }
}
