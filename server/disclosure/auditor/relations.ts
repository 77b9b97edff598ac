// Turns a Publication and the declarations into linear equations over the TRUE counts, each
// tagged with the kind of knowledge it uses (its route). Unknowns are the suppressed counts
// and counts published nowhere (complements, period pieces, the part of an LA in no locality).
import { declarationOf, outputDeclaration, type FieldDeclaration } from './declarations.ts';
import { variableId, type Observation, type PeriodInfo, type Publication, type RouteKind } from './publication.ts';
import type { Equation } from './solver.ts';
import { groupBy } from '../../group-by.ts';

export interface Variable {
  id: string;
  output: string;
  /** A count of people or events (a finding when pinned to 1..threshold while unpublished). */
  isCount: boolean;
  /** suppressed: published as 'c'; unpublished: a count no output shows (complement, piece, remainder). */
  status: 'published' | 'suppressed' | 'unpublished';
  /** The population key: the same true number wherever it appears. */
  population: string | null;
  label: string;
}

export interface TaggedEquation extends Equation {
  kind: RouteKind;
}

export interface AuditSystem {
  variables: Map<string, Variable>;
  known: Map<string, bigint>;
  equations: TaggedEquation[];
  inconsistencies: string[];
}

const DAY = 86_400_000;
const dayAfter = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

class Builder {
  readonly variables = new Map<string, Variable>();
  readonly known = new Map<string, bigint>();
  readonly equations: TaggedEquation[] = [];
  readonly inconsistencies: string[] = [];

  variable(v: Variable): string {
    if (!this.variables.has(v.id)) this.variables.set(v.id, v);
    return v.id;
  }

  equation(kind: RouteKind, terms: [string, bigint][], constant = 0n): void {
    const map = new Map<string, bigint>();
    for (const [v, c] of terms) map.set(v, (map.get(v) ?? 0n) + c);
    this.equations.push({ kind, terms: map, constant });
  }

  /** total = sum(parts) */
  sum(kind: RouteKind, total: string, parts: string[]): void {
    this.equation(kind, [[total, 1n], ...parts.map((p): [string, bigint] => [p, -1n])]);
  }
}

/** The population key of an observation of a declared field: equal keys are equal numbers. */
function populationKey(o: Observation, f: FieldDeclaration, period: PeriodInfo | undefined): string | null {
  if (!f.population) return null;
  const when = f.timing === 'snapshot' ? `@${period?.end_date ?? o.period}` : period ? `${period.start_date}..${period.end_date}` : o.period;
  const cell = f.total ? 'all=all' : `${o.breakdown}=${o.value}`;
  return `${f.population}|${o.area}|${when}|${cell}`;
}

function addObservations(b: Builder, publication: Publication, periodOf: Map<string, PeriodInfo>): void {
  for (const o of publication.observations) {
    const id = variableId(o);
    const d = declarationOf(o.output, o.field);
    const isCount = !!d && !d.field.notCount;
    const existing = b.known.get(id);
    const status = o.count === null ? 'suppressed' : 'published';
    const prior = b.variables.get(id);
    if (prior && prior.status !== status) b.inconsistencies.push(`${id}: published in one response (${existing ?? o.count}) and suppressed in another (${o.source})`);
    b.variable({ id, output: o.output, isCount, status: prior?.status === 'published' ? 'published' : status, population: d ? populationKey(o, d.field, periodOf.get(o.period)) : null, label: `${id} [${o.source}]` });
    if (o.count !== null) {
      if (!Number.isInteger(o.count)) continue;
      const value = BigInt(o.count);
      if (existing !== undefined && existing !== value) b.inconsistencies.push(`${id}: two published values ${existing} and ${value} (${o.source})`);
      b.known.set(id, value);
    } else if (o.derived !== undefined && Math.abs(o.derived - Math.round(o.derived)) < 1e-6) {
      b.equation('derived', [[id, 1n]], BigInt(Math.round(o.derived)));
    }
  }
}

type Cell = Observation & { id: string };

/** Breakdown cells sum to the total, roll-ups to their parent value, localities (+ a remainder) to the LA. */
function addAdditivity(b: Builder, cells: Cell[], publication: Publication): void {
  const byField = groupBy(cells, (c) => `${c.output}|${c.field}`);
  const parentOf = new Map(publication.areas.map((a) => [a.area_code, a.parent_code]));
  for (const list of byField.values()) {
    const first = list[0] as Cell;
    const d = declarationOf(first.output, first.field);
    if (!d || d.field.notCount) continue;
    const f = d.field;
    const index = new Map(list.map((c) => [`${c.area}|${c.period}|${c.breakdown}=${c.value}`, c]));
    const total = (c: Cell, breakdown: string, value: string) => index.get(`${c.area}|${c.period}|${breakdown}=${value}`);
    for (const [, parts] of groupBy(list.filter((c) => f.additive?.includes(c.breakdown)), (c) => `${c.area}|${c.period}|${c.breakdown}`)) {
      const t = total(parts[0] as Cell, 'all', 'all');
      if (t) b.sum('additivity', t.id, parts.map((p) => p.id));
    }
    for (const r of f.rollups ?? []) {
      const groups = groupBy(list.filter((c) => c.breakdown === r.from), (c) => `${c.area}|${c.period}|${r.parent(c.value)}`);
      for (const parts of groups.values()) {
        const p = parts[0] as Cell;
        const parentValue = r.parent(p.value);
        const t = parentValue === null ? undefined : total(p, r.to, parentValue);
        if (t) b.sum('additivity', t.id, parts.map((x) => x.id));
      }
    }
    addHierarchy(b, list, publication, f);
    if (!f.localities) continue;
    addRemainders(b, list, parentOf, f);
  }
}

/**
 * England, a region or an ICB = the sum of its LAs, cell by cell (issue 19): the aggregate is
 * defined as that sum, an LA with no row for the value counting 0. A field that counts the
 * area's total on every row (f.total) adds up on the total row only.
 */
function addHierarchy(b: Builder, list: Cell[], publication: Publication, f: FieldDeclaration): void {
  const members = new Map(publication.areas.filter((a) => a.las && a.las.length > 0).map((a) => [a.area_code, a.las ?? []]));
  if (members.size === 0) return;
  const crawled = new Set(publication.areas.map((a) => a.area_code));
  const index = new Map(list.map((c) => [`${c.area}|${c.period}|${c.breakdown}=${c.value}`, c]));
  for (const c of list) {
    const las = members.get(c.area);
    if (!las || (f.total && c.breakdown !== 'all')) continue;
    const parts = las.flatMap((la) => index.get(`${la}|${c.period}|${c.breakdown}=${c.value}`)?.id ?? []);
    // A crawl of some areas only (--areas): the aggregate's LAs left out are one unknown, so the
    // equation stays true without them. Not a cell of the crawl (their own cells are not audited),
    // so not reported when pinned.
    if (las.some((la) => !crawled.has(la))) {
      parts.push(b.variable({ id: `${c.id}|las-not-crawled`, output: c.output, isCount: false, status: 'unpublished', population: null, label: `${c.id}: its LAs not crawled` }));
    }
    b.sum('additivity', c.id, parts);
  }
}

/**
 * Each LA cell = its localities' published cells + a remainder published nowhere (children with
 * no locality, LA-wide services; a locality with no row for the value). Every LA cell gets one,
 * so the remainders add up as the cells do (true in the data: a missing row counts 0).
 */
function addRemainders(b: Builder, list: Cell[], parentOf: Map<string, string | null>, f: FieldDeclaration): void {
  const hasLocalities = new Set([...parentOf.values()].filter((p): p is string => !!p));
  const localityCells = groupBy(list.filter((c) => parentOf.get(c.area)), (c) => `${parentOf.get(c.area)}|${c.period}|${c.breakdown}=${c.value}`);
  const remainderOf = new Map<string, string>();
  const laCells = list.filter((c) => hasLocalities.has(c.area));
  for (const la of laCells) {
    const parts = localityCells.get(`${la.area}|${la.period}|${la.breakdown}=${la.value}`) ?? [];
    // With no locality row the remainder is the LA cell itself: not a count of its own to report.
    const rest = b.variable({ id: `${la.id}|no-locality`, output: la.output, isCount: parts.length > 0 && !f.total, status: 'unpublished', population: null, label: `${la.id}: the part in no published locality row` });
    const laVar = b.variables.get(la.id);
    const restVar = b.variables.get(rest);
    // A field that counts the area's total on every row (f.total): its remainder depends on which
    // localities have a row for the value, so it is no shared population.
    if (laVar?.population && restVar && !f.total) restVar.population = `${laVar.population}|no-locality`;
    b.sum('additivity', la.id, [...parts.map((p) => p.id), rest]);
    remainderOf.set(`${la.area}|${la.period}|${la.breakdown}=${la.value}`, rest);
  }
  for (const [key, parts] of groupBy(laCells.filter((c) => f.additive?.includes(c.breakdown)), (c) => `${c.area}|${c.period}|${c.breakdown}`)) {
    const [area, period] = key.split('|');
    const total = remainderOf.get(`${area}|${period}|all=all`);
    if (total) b.sum('additivity', total, parts.map((p) => remainderOf.get(`${p.area}|${p.period}|${p.breakdown}=${p.value}`) as string));
  }
}

/** numerator + complement = denominator, for every row of a proportion of counts. */
function addComplements(b: Builder, cells: Cell[], periodOf: Map<string, PeriodInfo>): void {
  const byKey = new Map(cells.map((c) => [`${c.output}|${c.field}|${c.area}|${c.period}|${c.breakdown}=${c.value}`, c]));
  for (const c of cells) {
    const out = outputDeclaration(c.output);
    for (const comp of out?.complements ?? []) {
      if (comp.numerator !== c.field) continue;
      const den = byKey.get(`${c.output}|${comp.denominator}|${c.area}|${c.period}|${c.breakdown}=${c.value}`);
      if (!den) continue;
      const id = `${c.output}|complement(${c.field})|${c.area}|${c.period}|${c.breakdown}=${c.value}`;
      const numDecl = declarationOf(c.output, c.field)?.field;
      const population = comp.population && numDecl ? populationKey({ ...c, field: 'complement' }, { ...numDecl, population: comp.population }, periodOf.get(c.period)) : null;
      b.variable({ id, output: c.output, isCount: true, status: 'unpublished', population, label: `${den.id} minus ${c.field}` });
      b.sum('complement', den.id, [c.id, id]);
    }
  }
}

/** The same population in several outputs: equal. Endpoint against indicator is its own route. */
function addLinks(b: Builder): void {
  const byPopulation = groupBy([...b.variables.values()].filter((v) => v.population), (v) => v.population as string);
  for (const vars of byPopulation.values()) {
    const indicators = vars.filter((v) => v.output.startsWith('indicator:'));
    const endpoints = vars.filter((v) => !v.output.startsWith('indicator:'));
    const chain = (list: Variable[]) => list.slice(1).forEach((v, i) => b.sum('linked', (list[i] as Variable).id, [v.id]));
    chain(indicators);
    chain(endpoints);
    const anchor = indicators[0];
    const other = endpoints[0];
    if (anchor && other) b.sum('endpoint', anchor.id, [other.id]);
  }
}

/**
 * Flow counts published for overlapping periods: each is the sum of the pieces between all
 * period boundaries (January-March and April-December). No piece is assumed zero: the extract
 * holds events before its first and after its last calendar year (requests received earlier,
 * decisions up to the extract date), so an attacker cannot anchor the chain on an empty piece.
 * Every breakdown value seen in any period gets every piece, so a piece of the total is the sum
 * of the same piece of the values (true in the data: a missing row counts 0).
 */
function addPeriodPieces(b: Builder, cells: Cell[], publication: Publication): void {
  const flows = cells.filter((c) => declarationOf(c.output, c.field)?.field.timing === 'flow');
  const periods = new Map(publication.periods.map((p) => [p.period, p]));
  const bounds = [...new Set(publication.periods.flatMap((p) => [p.start_date, dayAfter(p.end_date)]))].sort();
  for (const group of groupBy(flows, (c) => `${c.output}|${c.field}|${c.area}`).values()) {
    const spans = group.map((c) => periods.get(c.period)).filter((p): p is PeriodInfo => !!p);
    if (new Set(spans.map((p) => p.period_type)).size < 2) continue;
    const first = spans.map((p) => p.start_date).sort()[0] as string;
    const last = spans.map((p) => dayAfter(p.end_date)).sort().at(-1) as string;
    const edges = bounds.filter((d) => d >= first && d <= last);
    const head = group[0] as Cell;
    const pieceId = (from: string, to: string, cell: string) => `${head.output}|${head.field}|${head.area}|piece ${from}..${to}|${cell}`;
    const cellsOf = groupBy(group, (c) => `${c.breakdown}=${c.value}`);
    for (const [cell, list] of cellsOf) {
      for (let i = 0; i + 1 < edges.length; i++) {
        const from = edges[i] as string;
        const to = edges[i + 1] as string;
        b.variable({ id: pieceId(from, to, cell), output: head.output, isCount: true, status: 'unpublished', population: null, label: `${head.field} of ${head.output} in ${head.area}, ${from} to ${to} (exclusive), ${cell}` });
      }
      for (const c of list) {
        const p = periods.get(c.period);
        if (!p) continue;
        const end = dayAfter(p.end_date);
        const inside: string[] = [];
        for (let i = 0; i + 1 < edges.length; i++) if ((edges[i] as string) >= p.start_date && (edges[i + 1] as string) <= end) inside.push(pieceId(edges[i] as string, edges[i + 1] as string, cell));
        b.sum('periods', c.id, inside);
      }
    }
    const additive = declarationOf(head.output, head.field)?.field.additive ?? [];
    const values = groupBy([...cellsOf.keys()].filter((k) => additive.includes(k.split('=')[0] as string)), (k) => k.split('=')[0] as string);
    if (!cellsOf.has('all=all')) continue;
    for (const parts of values.values()) {
      for (let i = 0; i + 1 < edges.length; i++) {
        const from = edges[i] as string;
        const to = edges[i + 1] as string;
        b.sum('periods', pieceId(from, to, 'all=all'), parts.map((cell) => pieceId(from, to, cell)));
      }
    }
  }
}

export function buildSystem(publication: Publication): AuditSystem {
  const b = new Builder();
  b.inconsistencies.push(...publication.inconsistencies);
  const periodOf = new Map(publication.periods.map((p) => [p.period, p]));
  addObservations(b, publication, periodOf);
  const seen = new Set<string>();
  const cells: Cell[] = [];
  for (const o of publication.observations) {
    const id = variableId(o);
    if (seen.has(id)) continue;
    seen.add(id);
    cells.push({ ...o, id });
  }
  addAdditivity(b, cells, publication);
  addComplements(b, cells, periodOf);
  addPeriodPieces(b, cells, publication);
  addLinks(b);
  return { variables: b.variables, known: b.known, equations: b.equations, inconsistencies: b.inconsistencies };
}
