import type { TableName } from '../extract/spec.ts';
import type { Row } from './csv-writer.ts';
import { simulateCohort } from './cohort.ts';
import { ChildEmitter, newDemand, type Ids } from './emit-child.ts';
import { FaultInjector } from './faults.ts';
import { IdSequence } from './ids.ts';
import { writeFeedback, writeServices } from './local-offer.ts';
import { populationRows } from './localities.ts';
import type { LaContext } from './model.ts';
import { hashSeed } from './rng.ts';

// One LA into open writers: the unit a national mode would loop over (IDs carry the LA
// index, so they stay unique across LAs).

export interface LaResult {
  children: number;
  activePlans: number;
  faults: FaultInjector['byTable'];
}

export function makeIds(seed: number, laIndex: number): Ids {
  const seq = (prefix: string) => new IdSequence(prefix, laIndex, hashSeed('ids', seed, prefix));
  return {
    child: seq('C'), request: seq('R'), plan: seq('P'), provision: seq('L'), review: seq('AR'),
    cna: seq('CA'), budget: seq('PB'), appeal: seq('TA'), service: seq('S'), feedback: seq('FB'),
  };
}

export function generateLocalAuthority(
  ctx: LaContext,
  write: (table: TableName, row: Row) => void,
  onProgress: (msg: string) => void = () => {},
): LaResult {
  const ids = makeIds(ctx.seed, ctx.laIndex);
  let unused = 0;
  const faults = new FaultInjector([ctx.seed, ctx.laCode], {
    unusedChildId: () => ids.child.unused(unused++),
    unusedPlanId: () => ids.plan.unused(unused++),
    postcodeArea: ctx.postcodeArea,
  }, write);

  onProgress(`${ctx.la.name} (${ctx.laCode}): simulating children, requests and plans`);
  const cohort = simulateCohort(ctx);
  for (const child of cohort.children) child.id = ids.child.next();
  // Files are in pseudonymous-ID order, as an export sorted by key would be.
  const order = [...cohort.children].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  onProgress(`${ctx.la.name}: writing ${order.length.toLocaleString('en-GB')} children and their records`);
  const emitter = new ChildEmitter(ctx, faults, ids, newDemand());
  for (const child of order) emitter.emit(child);

  const activePlans = cohort.stocks.at(-1) ?? 0;
  onProgress(`${ctx.la.name}: writing the Local Offer, feedback and population`);
  const services = writeServices(ctx, emitter.demand, activePlans, ids, faults);
  writeFeedback(ctx, services, cohort.stocks, ids, faults);
  for (const rows of populationRows({
    laCode: ctx.laCode, seed: ctx.seed, years: ctx.years, scale: ctx.scale,
    base: ctx.la.population, localities: ctx.localities,
  })) {
    for (const row of rows) faults.emit('population', row);
  }

  return { children: cohort.children.length, activePlans, faults: faults.byTable };
}
