import type { TableName } from '../extract/spec.ts';
import type { Row } from './csv-writer.ts';
import { civil, day } from './dates.ts';
import { Rng } from './rng.ts';

// Salted faults: a small, exactly counted share of rows made invalid in the ways real
// extracts go wrong, so ingest validation and the rejects report have something to find.
// Faults only go into rows nothing else depends on (a faulty plan gets no provision,
// reviews or budgets), so ingest rejects exactly the salted rows, with no knock-on orphans.
// Each salted row carries exactly one fault.

export const FAULT_KINDS = [
  'bad_date', 'end_before_start', 'orphan_child', 'orphan_plan', 'unknown_code', 'duplicate_key',
  'comment_email', 'comment_nhs_number', 'comment_postcode', 'comment_phone', 'id_identifier',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

interface TableFaults {
  kinds: FaultKind[];
  /** Mean rows between faults. */
  every: number;
  dateColumn?: string;
  end?: [start: string, end: string];
  code?: [column: string, value: string];
}

// About 0.3-0.5% of rows in each affected file.
const PLAN: Partial<Record<TableName, TableFaults>> = {
  ehc_requests: { kinds: ['bad_date', 'unknown_code'], every: 300, dateColumn: 'assessment_decision_date', code: ['source', 'GP'] },
  ehc_plans: { kinds: ['unknown_code'], every: 300, code: ['primary_need', 'XYZ'] },
  ehc_provision: {
    kinds: ['bad_date', 'end_before_start', 'orphan_plan', 'unknown_code', 'duplicate_key'],
    every: 300, dateColumn: 'start_date', end: ['start_date', 'end_date'], code: ['category', 'HYDROTHERAPY'],
  },
  annual_reviews: { kinds: ['bad_date', 'orphan_plan', 'duplicate_key'], every: 300, dateColumn: 'held_date' },
  child_needs_assessments: {
    kinds: ['bad_date', 'end_before_start', 'orphan_child', 'unknown_code'],
    every: 250, dateColumn: 'completed_date', end: ['start_date', 'completed_date'], code: ['assessment_type', 'EARLY_HELP'],
  },
  personal_budgets: {
    kinds: ['end_before_start', 'orphan_child', 'unknown_code'],
    every: 200, end: ['start_date', 'end_date'], code: ['mechanism', 'CASH'],
  },
  local_offer_feedback: {
    kinds: ['comment_email', 'comment_nhs_number', 'comment_postcode', 'comment_phone', 'bad_date', 'duplicate_key'],
    every: 220, dateColumn: 'received_date',
  },
};
/** The one identifier-looking value in an ID column goes into this table's key. */
const ID_FAULT = { table: 'annual_reviews', column: 'review_id' } as const;

/** A 10-digit number passing the NHS number modulus 11 check (never issued ranges aside). */
export function nhsNumberLike(rng: Rng): string {
  for (;;) {
    const digits = [4 + rng.int(6), ...Array.from({ length: 8 }, () => rng.int(10))];
    const total = digits.reduce((s, d, i) => s + d * (10 - i), 0);
    const check = 11 - (total % 11);
    if (check === 10) continue;
    return [...digits, check === 11 ? 0 : check].join('');
  }
}

const FIRST = ['sarah', 'j.smith', 'mum.of.three', 'dadofjack', 'k.ahmed', 'lisa.m', 'p.wilson'];
const DOMAINS = ['example.com', 'example.org', 'mail.example.net'];
const POSTCODE_AREAS = ['LS', 'BD', 'M', 'B', 'S', 'NE', 'L', 'SW', 'E', 'N', 'BS', 'NG'];

function identifierSentence(kind: FaultKind, rng: Rng, laPostcodeArea: string): string {
  switch (kind) {
    case 'comment_email':
      return `You can email me at ${rng.pick(FIRST)}${rng.range(1, 99)}@${rng.pick(DOMAINS)} if you need more detail.`;
    case 'comment_nhs_number':
      return `My son's NHS number is ${nhsNumberLike(rng)} if that helps you find his records.`;
    case 'comment_postcode': {
      const area = rng.chance(0.7) ? laPostcodeArea : rng.pick(POSTCODE_AREAS);
      const letters = 'ABDEFGHJLNPQRSTUWXYZ';
      return `We live at ${area}${rng.range(1, 19)} ${rng.range(1, 9)}${letters[rng.int(letters.length)]}${letters[rng.int(letters.length)]} and the journey is too long.`;
    }
    case 'comment_phone':
      // Ofcom's drama ranges: valid-looking UK numbers that are never allocated.
      return rng.chance(0.5)
        ? `Please ring me on 07700 900${String(rng.range(0, 999)).padStart(3, '0')}.`
        : `Please call back on 0113 496 0${String(rng.range(0, 999)).padStart(3, '0')}.`;
    default:
      return '';
  }
}

function badDate(value: string, variant: number): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  if (variant % 2 === 0) {
    // An impossible calendar date in the same month or February.
    return [4, 6, 9, 11].includes(m) ? `${y}-${String(m).padStart(2, '0')}-31` : `${y}-02-30`;
  }
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

function isoMinusDays(value: string, days: number): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const [ny, nm, nd] = civil(day(y, m, d) - days);
  return `${ny}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

interface TableState {
  countdown: number;
  cursor: number;
  variant: number;
  rows: number;
}

export interface FaultTargets {
  /** A child_id / plan_id of the right shape that is not in the extract. */
  unusedChildId(): string;
  unusedPlanId(): string;
  postcodeArea: string;
}

export type FaultCounts = Partial<Record<FaultKind, number>>;

/**
 * Sits between the generator and the writers. Faults are spaced by a random gap around
 * each table's `every` and cycle through the table's kinds, so every kind shows up and
 * the counts are exact; a kind that does not fit the current row waits for the next one.
 */
export class FaultInjector {
  readonly byTable: Partial<Record<TableName, FaultCounts>> = {};
  private readonly state = new Map<TableName, TableState>();
  private readonly rng: Rng;
  private idFaultAt: number;

  constructor(
    seedParts: (string | number)[],
    private readonly targets: FaultTargets,
    private readonly write: (table: TableName, row: Row) => void,
  ) {
    this.rng = Rng.of(...seedParts, 'faults');
    this.idFaultAt = this.rng.range(20, 200);
  }

  private tableState(table: TableName, plan: TableFaults): TableState {
    let s = this.state.get(table);
    if (!s) {
      s = { countdown: this.rng.range(Math.ceil(plan.every / 2), Math.ceil((plan.every * 3) / 2)), cursor: this.rng.int(plan.kinds.length), variant: 0, rows: 0 };
      this.state.set(table, s);
    }
    return s;
  }

  private count(table: TableName, kind: FaultKind): void {
    const t = (this.byTable[table] ??= {});
    t[kind] = (t[kind] ?? 0) + 1;
  }

  /**
   * Writes `row`, perhaps salted. `eligible` = false for rows other rows depend on.
   * Returns the fault salted into the row, if any.
   */
  emit(table: TableName, row: Row, eligible = true): FaultKind | null {
    const plan = PLAN[table];
    if (table === ID_FAULT.table && eligible && this.idFaultAt >= 0 && this.idFaultAt-- === 0) {
      this.write(table, { ...row, [ID_FAULT.column]: nhsNumberLike(this.rng) });
      this.count(table, 'id_identifier');
      return 'id_identifier';
    }
    if (!plan || !eligible) {
      this.write(table, row);
      return null;
    }
    const s = this.tableState(table, plan);
    s.rows++;
    if (--s.countdown > 0) {
      this.write(table, row);
      return null;
    }
    const kind = plan.kinds[s.cursor % plan.kinds.length] as FaultKind;
    const salted = this.apply(kind, plan, row, s);
    if (!salted) {
      // Not applicable to this row: try again on the next one.
      s.countdown = 1;
      this.write(table, row);
      return null;
    }
    s.cursor++;
    s.variant++;
    s.countdown = this.rng.range(Math.ceil(plan.every / 2), Math.ceil((plan.every * 3) / 2));
    this.count(table, kind);
    if (kind === 'duplicate_key') {
      this.write(table, row);
      this.write(table, { ...row });
    } else {
      this.write(table, salted);
    }
    return kind;
  }

  private apply(kind: FaultKind, plan: TableFaults, row: Row, s: TableState): Row | null {
    switch (kind) {
      case 'bad_date': {
        const col = plan.dateColumn;
        const v = col ? row[col] : undefined;
        return col && typeof v === 'string' && v ? { ...row, [col]: badDate(v, s.variant) } : null;
      }
      case 'end_before_start': {
        if (!plan.end) return null;
        const [startCol, endCol] = plan.end;
        const start = row[startCol];
        if (typeof start !== 'string' || !start) return null;
        return { ...row, [endCol]: isoMinusDays(start, this.rng.range(1, 60)) };
      }
      case 'orphan_child':
        return { ...row, child_id: this.targets.unusedChildId() };
      case 'orphan_plan':
        return { ...row, plan_id: this.targets.unusedPlanId() };
      case 'unknown_code': {
        if (!plan.code) return null;
        const [col, value] = plan.code;
        return row[col] ? { ...row, [col]: value } : null;
      }
      case 'duplicate_key':
        return row;
      case 'comment_email':
      case 'comment_nhs_number':
      case 'comment_postcode':
      case 'comment_phone': {
        const sentence = identifierSentence(kind, this.rng, this.targets.postcodeArea);
        const comment = typeof row.comment === 'string' && row.comment ? `${row.comment} ${sentence}` : sentence;
        return { ...row, comment };
      }
      default:
        return null;
    }
  }

  /** Every kind, zeros included, so consumers can rely on the keys. */
  totals(): Record<FaultKind, number> {
    const out = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
    for (const t of Object.values(this.byTable)) for (const [k, n] of Object.entries(t)) out[k as FaultKind] += n;
    return out;
  }
}
