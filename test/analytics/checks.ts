import request from 'supertest';
import type { Additivity, Cell, SuppressionResult } from '../../server/disclosure/index.ts';
import { recoverableCells } from '../../server/disclosure/index.ts';
import type { JourneyResponse, ProvisionGapsResponse } from '../../contract/analytics.ts';
import type { Published } from './helpers.ts';

// Disclosure checks that rebuild each table's equations from the responses alone: the same
// request at threshold 0 gives the true counts, the request at the threshold under test gives
// what is published. Only equations that hold exactly in the true counts are kept (those are
// the ones a reader could solve); then no published count may be 1..threshold, no group may
// hold exactly one suppressed member, and no suppressed count may be recoverable by any chain
// of the equations (server/disclosure's audit, run over the published pattern).

export interface Table {
  /** Published counts by key (only counts: places, gaps, ratios and times are not counts). */
  published: Map<string, Published>;
  groups: Additivity[];
}

type App = Parameters<typeof request>[0];

export async function getJson<T>(app: App, path: string): Promise<T> {
  const res = await request(app).get(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

const add = (t: Table, key: string, p: Published) => {
  if (t.published.has(key)) throw new Error(`duplicate key ${key}`);
  t.published.set(key, p);
};

/** Journey tables for an LA and its localities (one response per area). */
export function journeyTable(byArea: Map<string, JourneyResponse>, la: string, localities: string[]): Table {
  const t: Table = { published: new Map(), groups: [] };
  for (const [area, r] of byArea) {
    for (const s of r.steps) {
      add(t, `children|${s.step}|${area}`, s.children);
      add(t, `n|${s.step}|${area}`, s.time.n);
    }
    for (const o of r.overlap) {
      add(t, `overlap|${o.measure}|${area}`, o.children);
      add(t, `of|${o.measure}|${area}`, o.of);
    }
    const bands = r.waiting.rows.map((w) => w.age_band).filter((b) => b !== 'all');
    for (const w of r.waiting.rows) {
      add(t, `open|${area}|${w.age_band}`, w.open_requests);
      add(t, `past6|${area}|${w.age_band}`, w.past_6_weeks_no_assessment_decision);
      add(t, `past20|${area}|${w.age_band}`, w.past_20_weeks_no_plan_decision);
    }
    for (const m of ['open', 'past6', 'past20']) t.groups.push({ total: `${m}|${area}|all`, parts: bands.map((b) => `${m}|${area}|${b}`) });
  }
  const first = byArea.get(la);
  if (!first) throw new Error('no LA response');
  const keys = [
    ...first.steps.flatMap((s) => [`children|${s.step}|`, `n|${s.step}|`]),
    ...first.overlap.flatMap((o) => [`overlap|${o.measure}|`, `of|${o.measure}|`]),
    ...first.waiting.rows.flatMap((w) => ['open', 'past6', 'past20'].map((m) => `${m}|@|${w.age_band}`)),
  ];
  for (const k of keys) {
    const at = (area: string) => (k.includes('@') ? k.replace('@', area) : `${k}${area}`);
    t.groups.push({ total: at(la), parts: localities.map(at) });
  }
  return t;
}

/** The grid, the commissioner cross-tab and the placement cross-tabs of a provision-gaps response. */
export function provisionTable(r: ProvisionGapsResponse): Table {
  const t: Table = { published: new Map(), groups: [] };
  const la = r.la.area_code;
  const areas = [la, ...r.localities.map((l) => l.area_code)];
  const bands = r.age_bands.filter((b) => b !== 'all');
  for (const c of r.grid) add(t, `g|${c.category}|${c.area_code}|${c.age_band}`, c.demand);
  for (const category of new Set(r.grid.map((c) => c.category))) {
    for (const a of areas) t.groups.push({ total: `g|${category}|${a}|all`, parts: bands.map((b) => `g|${category}|${a}|${b}`) });
    for (const b of r.age_bands) t.groups.push({ total: `g|${category}|${la}|${b}`, parts: areas.slice(1).map((a) => `g|${category}|${a}|${b}`) });
  }
  const categories = [...new Set(r.commissioning.rows.map((x) => x.category))].filter((c) => c !== 'all');
  const commissioners = [...new Set(r.commissioning.rows.map((x) => x.commissioner))].filter((c) => c !== 'all');
  for (const x of r.commissioning.rows) {
    // The category totals of "children with provision" are the grid's LA cells.
    if (x.commissioner === 'all' && x.category !== 'all') {
      const grid = t.published.get(`g|${x.category}|${la}|all`);
      if (JSON.stringify(grid) !== JSON.stringify(x.children_with_provision)) throw new Error(`${x.category}: commissioning total differs from the grid`);
    } else {
      add(t, `with|${x.category}|${x.commissioner}`, x.children_with_provision);
    }
    add(t, `waiting|${x.category}|${x.commissioner}`, x.children_waiting);
    add(t, `started|${x.category}|${x.commissioner}`, x.children_started);
  }
  for (const m of ['with', 'waiting', 'started']) {
    const key = (c: string, k: string) => (m === 'with' && k === 'all' && c !== 'all' ? `g|${c}|${la}|all` : `${m}|${c}|${k}`);
    for (const c of [...categories, 'all']) t.groups.push({ total: key(c, 'all'), parts: commissioners.map((k) => key(c, k)) });
    for (const k of [...commissioners, 'all']) t.groups.push({ total: key('all', k), parts: categories.map((c) => key(c, k)) });
  }
  for (const [name, tab] of [['oa', r.placements.out_of_area], ['ind', r.placements.independent]] as const) {
    for (const c of tab.cells) add(t, `${name}|${c.setting_type}|${c.primary_need}`, c.plans);
    const settings = [...new Set(tab.cells.map((c) => c.setting_type))].filter((s) => s !== 'all');
    const needs = [...new Set(tab.cells.map((c) => c.primary_need))].filter((n) => n !== 'all');
    for (const s of [...settings, 'all']) t.groups.push({ total: `${name}|${s}|all`, parts: needs.map((n) => `${name}|${s}|${n}`) });
    for (const n of [...needs, 'all']) t.groups.push({ total: `${name}|all|${n}`, parts: settings.map((s) => `${name}|${s}|${n}`) });
  }
  add(t, 'active_plans', r.placements.active_plans);
  return t;
}

export interface Findings {
  /** Published counts from 1 to the threshold. */
  small: string[];
  /** Exact groups with exactly one suppressed member. */
  lone: Additivity[];
  /** Suppressed counts that the exact equations determine. */
  recoverable: string[];
  suppressed: number;
  published: number;
}

export function audit(truth: Table, shown: Table, threshold: number): Findings {
  const value = (k: string): number => {
    const p = truth.published.get(k);
    if (!p || p.value === null) throw new Error(`no true value for ${k}`);
    return p.value;
  };
  const exact = truth.groups.filter((g) => g.parts.length > 0 && g.parts.reduce((s, k) => s + value(k), 0) === value(g.total));
  const cells: Cell[] = [...truth.published.keys()].map((key) => ({ key, numerator: value(key), denominator: null, denominatorIsCount: false }));
  const results = new Map<string, SuppressionResult>(
    [...truth.published.keys()].map((key) => {
      const suppressed = shown.published.get(key)?.symbol === 'c';
      return [key, { key, suppressed, symbol: suppressed ? 'c' : null, reason: suppressed ? 'primary' : null }];
    }),
  );
  const isSuppressed = (k: string) => results.get(k)?.suppressed === true;
  return {
    small: [...shown.published].filter(([, p]) => p.symbol === null && p.value !== null && p.value >= 1 && p.value <= threshold).map(([k]) => k),
    lone: exact.filter((g) => [g.total, ...g.parts].filter(isSuppressed).length === 1),
    recoverable: recoverableCells(cells, exact, results),
    suppressed: [...results.values()].filter((r) => r.suppressed).length,
    published: [...results.values()].filter((r) => !r.suppressed).length,
  };
}
