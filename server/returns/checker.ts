import type { Problem } from './collector.ts';
import { childNode, type XmlNode } from './xml-reader.ts';

// Typed reads of a record's elements against the guides' types and code sets. The first problem
// is kept; the caller quarantines the record when there is one.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function validDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i;

/**
 * A value fit to quote in the quarantine or a reason: a short code or a date-like string only. Anything
 * else (an identifier exported into the wrong element, say) is withheld; so is any value holding one of the
 * record's own identifiers (ReturnsCollector.beginRecord).
 */
export function quotable(value: string): string | null {
  return (/^[A-Za-z0-9]{1,6}$/.test(value) || /^[0-9./-]{1,10}$/.test(value)) && !POSTCODE.test(value.trim()) ? value : null;
}

export class Checker {
  problem: Problem | null = null;

  constructor(private readonly node: XmlNode) {}

  private fail(element: string | null, value: string | undefined, reason: string): void {
    this.problem ??= { element, value, reason, line: element ? (childNode(this.node, element)?.line ?? this.node.line) : this.node.line };
  }

  text(name: string): string {
    return childNode(this.node, name)?.text.trim() ?? '';
  }

  date(name: string, required = false): string | null {
    const value = this.text(name);
    if (!value) {
      if (required) this.fail(name, undefined, `${name} is missing (required)`);
      return null;
    }
    if (!validDate(value)) {
      this.fail(name, quotable(value) ?? '[withheld]', `${name} is not a date (YYYY-MM-DD)`);
      return null;
    }
    return value;
  }

  code<T extends string>(name: string, codes: Record<string, T>, required = false): T | null {
    const value = this.text(name);
    if (!value) {
      if (required) this.fail(name, undefined, `${name} is missing (required)`);
      return null;
    }
    const mapped = codes[value.toUpperCase()];
    const shown = quotable(value);
    if (mapped === undefined) this.fail(name, shown ?? '[withheld]', shown ? `${name} "${shown}" is not a code of the guide` : `${name} is not a code of the guide`);
    return mapped ?? null;
  }

  bool(name: string): boolean | null {
    const value = this.text(name).toLowerCase();
    if (!value) return null;
    if (['true', '1', 'y', 'yes'].includes(value)) return true;
    if (['false', '0', 'n', 'no'].includes(value)) return false;
    this.fail(name, quotable(value) ?? '[withheld]', `${name} is not true or false`);
    return null;
  }

  integer(name: string, min: number, max: number): number | null {
    const value = this.text(name);
    if (!value) return null;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.fail(name, quotable(value) ?? '[withheld]', `${name} is not a whole number from ${min} to ${max}`);
      return null;
    }
    return Number(value);
  }

  /** `later` must be on or after `earlier` when both are known. */
  order(earlierName: string, earlier: string | null, laterName: string, later: string | null): void {
    if (earlier && later && later < earlier) this.fail(laterName, later, `${laterName} is before ${earlierName}`);
  }

  /** A problem the caller found (identifier checks). */
  flag(element: string | null, reason: string, value?: string): void {
    this.fail(element, value, reason);
  }
}
