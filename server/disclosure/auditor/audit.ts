// The auditor's verdict: every suppressed or unpublished count the published figures pin to
// one value, with the route (the kinds of relation needed). Routes are found by solving with
// subsets of the relations: additivity alone, additivity plus one other kind, then everything
// (and, for what only everything pins, which kinds it cannot do without).
import { routeKinds, type Publication, type RouteKind } from './publication.ts';
import { buildSystem, type AuditSystem, type Variable } from './relations.ts';
import { equationsAround, solve, wholeValue, type Equation } from './solver.ts';

export interface PinnedCount {
  variable: string;
  label: string;
  output: string;
  status: 'suppressed' | 'unpublished';
  /** The same true number wherever it appears (null: this output only). */
  population: string | null;
  value: number;
  /** 'additivity', one other kind, or 'combined:<kind>+<kind>'. */
  route: string;
  /** Pinned only with the bound that counts are not negative (a zero sum of unknowns makes each zero). */
  nonNegativity: boolean;
}

export interface AuditResult {
  threshold: number;
  /** Unknown counts pinned to 1..threshold: disclosures. */
  findings: PinnedCount[];
  /** Pinned to 0 (not a disclosure) and to more than the threshold (useful to know). */
  pinnedZero: PinnedCount[];
  pinnedLarge: PinnedCount[];
  /** Counts of distinct cells pinned to 1..threshold by route (a population counted once). */
  byRoute: Record<string, number>;
  inconsistencies: string[];
  contradictions: number;
  size: { variables: number; known: number; equations: number; unknownCounts: number };
  millis: number;
}

const baseKind: RouteKind = 'additivity';
const otherKinds = routeKinds.filter((k) => k !== baseKind);

/**
 * Non-negativity, the one bound used: every unknown is a count, so an equation whose unknowns
 * all have the same sign and whose remainder is 0 makes each of them 0 (a published zero total
 * over suppressed parts; a zero calendar year over its two pieces).
 */
function zeroSums(equations: readonly Equation[], known: ReadonlyMap<string, bigint>): string[] {
  const zeros = new Set<string>();
  for (const e of equations) {
    let rhs = e.constant;
    const unknowns: string[] = [];
    let positive = 0;
    for (const [v, c] of e.terms) {
      const k = known.get(v);
      if (k !== undefined) rhs -= c * k;
      else if (c !== 0n) {
        unknowns.push(v);
        if (c > 0n) positive++;
      }
    }
    if (rhs === 0n && unknowns.length > 0 && (positive === 0 || positive === unknowns.length)) for (const v of unknowns) zeros.add(v);
  }
  return [...zeros];
}

interface Pins {
  values: Map<string, bigint | null>;
  /** Pinned only once non-negativity had set some unknowns to zero. */
  withBounds: Set<string>;
}

/** Exact solve with the relations of `kinds`, alternating with the zero rule until nothing changes. */
function pinnedWith(system: AuditSystem, kinds: ReadonlySet<RouteKind>): Pins {
  const equations = system.equations.filter((e) => kinds.has(e.kind));
  const known = new Map(system.known);
  const values = new Map<string, bigint | null>();
  const withBounds = new Set<string>();
  for (let round = 0; round < 20; round++) {
    for (const [v, r] of solve(equations, known).pinned) {
      const w = wholeValue(r);
      values.set(v, w);
      if (round > 0) withBounds.add(v);
      if (w !== null) known.set(v, w);
    }
    const zeros = zeroSums(equations, known);
    if (zeros.length === 0) break;
    for (const z of zeros) {
      known.set(z, 0n);
      values.set(z, 0n);
      withBounds.add(z);
    }
  }
  return { values, withBounds };
}

/** The route of each unknown count the full system pins. */
function routes(all: AuditSystem, full: Map<string, bigint | null>): Map<string, string> {
  const route = new Map<string, string>();
  // Only the blocks around what the full system pins can pin anything with fewer relations.
  const system = { ...all, equations: equationsAround(all.equations, all.known, new Set(full.keys())) };
  const base = pinnedWith(system, new Set([baseKind])).values;
  for (const v of full.keys()) if (base.has(v)) route.set(v, baseKind);
  for (const kind of otherKinds) {
    const pinned = pinnedWith(system, new Set([baseKind, kind])).values;
    for (const v of full.keys()) if (!route.has(v) && pinned.has(v)) route.set(v, kind);
  }
  const rest = [...full.keys()].filter((v) => !route.has(v));
  if (rest.length === 0) return route;
  const needed = new Map<string, RouteKind[]>(rest.map((v) => [v, []]));
  for (const kind of routeKinds) {
    const without = pinnedWith(system, new Set(routeKinds.filter((k) => k !== kind))).values;
    for (const v of rest) if (!without.has(v)) needed.get(v)?.push(kind);
  }
  for (const v of rest) route.set(v, `combined:${(needed.get(v) ?? []).join('+') || 'any-two'}`);
  return route;
}

export function auditSystem(system: AuditSystem, threshold = 7): AuditResult {
  const started = performance.now();
  const unknownCount = (v: Variable | undefined) => !!v && v.isCount && v.status !== 'published';
  const all = pinnedWith(system, new Set(routeKinds));
  const full = new Map<string, bigint | null>();
  for (const [v, value] of all.values) if (unknownCount(system.variables.get(v))) full.set(v, value);
  const route = routes(system, full);
  const findings: PinnedCount[] = [];
  const pinnedZero: PinnedCount[] = [];
  const pinnedLarge: PinnedCount[] = [];
  const inconsistencies = [...system.inconsistencies];
  for (const [id, value] of full) {
    const v = system.variables.get(id) as Variable;
    if (value === null) {
      inconsistencies.push(`${id}: the relations give a value that is not whole (a relation is wrong or a figure inconsistent)`);
      continue;
    }
    const pinned: PinnedCount = {
      variable: id,
      label: v.label,
      output: v.output,
      status: v.status as 'suppressed' | 'unpublished',
      population: v.population,
      value: Number(value),
      route: route.get(id) ?? 'unknown',
      nonNegativity: all.withBounds.has(id),
    };
    if (value < 0n) inconsistencies.push(`${id}: pinned to a negative count ${value}`);
    else if (value === 0n) pinnedZero.push(pinned);
    else if (value <= BigInt(threshold)) findings.push(pinned);
    else pinnedLarge.push(pinned);
  }
  const rank = (r: string) => (routeKinds as readonly string[]).indexOf(r) >>> 0;
  findings.sort((a, b) => rank(a.route) - rank(b.route) || a.route.localeCompare(b.route) || a.variable.localeCompare(b.variable));
  return {
    threshold,
    findings,
    pinnedZero,
    pinnedLarge,
    byRoute: countByRoute(findings),
    inconsistencies,
    contradictions: solve(system.equations, system.known).contradictions,
    size: {
      variables: system.variables.size,
      known: system.known.size,
      equations: system.equations.length,
      unknownCounts: [...system.variables.values()].filter(unknownCount).length,
    },
    millis: performance.now() - started,
  };
}

/** Distinct cells by route: one population counted once, at its simplest route. */
export function countByRoute(findings: readonly PinnedCount[]): Record<string, number> {
  const seen = new Set<string>();
  const counts: Record<string, number> = {};
  for (const f of findings) {
    const cell = f.population ?? f.variable;
    if (seen.has(cell)) continue;
    seen.add(cell);
    counts[f.route] = (counts[f.route] ?? 0) + 1;
  }
  return counts;
}

export function auditPublication(publication: Publication, threshold = 7): AuditResult {
  return auditSystem(buildSystem(publication), threshold);
}
