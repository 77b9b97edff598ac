import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ExtractError } from '../ingest/discover.ts';
import { validDate } from './checker.ts';
import { readCinChild } from './cin.ts';
import { supportedVersions } from './codes.ts';
import { ReturnsCollector, type FileContext, type Row } from './collector.ts';
import { laFromOldCode } from './pseudonymise.ts';
import { readSen2Person, type ReadContext } from './sen2.ts';
import { readReturnXml, type ReturnHeader } from './xml-reader.ts';

// Reads every SEN2 and CIN census XML file of a folder, newest return first, into contract rows.

export const isReturnFile = (name: string): boolean => /\.xml$/i.test(name);

export function returnFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => isReturnFile(n) && statSync(join(dir, n)).isFile()).sort();
}

class HeaderRead extends Error {}

/** The header's collection, version and LA, checked: wrong collection or unknown version stops the load. */
export function fileContext(fileName: string, header: ReturnHeader): FileContext {
  const collection = header.collection.toUpperCase();
  if (collection !== 'SEN2' && collection !== 'CIN') {
    const shown = /^[A-Za-z0-9 -]{1,20}$/.test(header.collection) ? `a "${header.collection}"` : 'an unrecognised';
    throw new ExtractError(`${fileName} is ${shown} collection, not a SEN2 or CIN census return`);
  }
  const versions: readonly string[] = supportedVersions[collection];
  if (!versions.includes(header.year)) {
    throw new ExtractError(`${fileName} is a ${collection} return for ${/^\d{4}$/.test(header.year) ? header.year : 'an unrecognised year'}, a version this product does not read (it reads ${versions.join(', ')})`);
  }
  if (!validDate(header.referenceDate)) throw new ExtractError(`${fileName} has no valid ReferenceDate in its header`);
  const laCode = laFromOldCode(header.lea);
  if (!laCode) throw new ExtractError(`${fileName} has LEA "${header.lea.slice(0, 10)}", which is not an English LA's three-digit DfE code`);
  return { fileName, collection, year: header.year, referenceDate: header.referenceDate, laCode };
}

async function readHeader(path: string, fileName: string): Promise<FileContext> {
  let context: FileContext | null = null;
  try {
    await readReturnXml(path, fileName, {
      onHeader: (h) => {
        context = fileContext(fileName, h);
        throw new HeaderRead();
      },
      onRecord: () => undefined,
    });
  } catch (error) {
    if (!(error instanceof HeaderRead)) throw error;
  }
  if (!context) throw new ExtractError(`${fileName} has no <Header>: not a SEN2 or CIN census return`);
  return context;
}

export interface ReturnsRead {
  collector: ReturnsCollector;
  files: FileContext[];
  tables: Map<string, Row[]>;
}

export async function readReturns(dir: string, names: string[], ctx: Omit<ReadContext, 'out'>, onProgress: (m: string) => void): Promise<ReturnsRead> {
  const files: FileContext[] = [];
  for (const name of names) files.push(await readHeader(join(dir, name), name));
  // Newest first: a record already held when an older return repeats it is the one kept.
  files.sort((a, b) => b.referenceDate.localeCompare(a.referenceDate) || (a.collection === 'SEN2' ? -1 : 1));
  const out = new ReturnsCollector();
  const read: ReadContext = { ...ctx, out };
  for (const file of files) {
    onProgress(`reading ${file.fileName} (${file.collection} ${file.year}, reference date ${file.referenceDate})`);
    const recordName = file.collection === 'SEN2' ? 'Person' : 'Child';
    await readReturnXml(join(dir, file.fileName), file.fileName, {
      onHeader: () => undefined,
      onRecord: (node) => {
        if (node.name !== recordName) {
          out.reject(file, node, { element: null, reason: `a ${file.collection} return holds <${recordName}> records, not <${node.name}>` });
        } else if (file.collection === 'SEN2') readSen2Person(file, node, read);
        else readCinChild(file, node, read);
      },
    });
  }
  return { collector: out, files, tables: contractTables(out) };
}

/** SEN2 and CIN children merged by child_id: SEN2 (newest first) wins, CIN fills what it lacks. */
function contractTables(out: ReturnsCollector): Map<string, Row[]> {
  const children = new Map(out.rows('children').map((r) => [r.child_id ?? '', { ...r }]));
  for (const cin of out.rows('cin_children')) {
    const held = children.get(cin.child_id ?? '');
    if (!held) children.set(cin.child_id ?? '', cin);
    else for (const [k, v] of Object.entries(cin)) held[k] ??= v;
  }
  const plans = out.rows('ehc_plans').map((plan) => {
    const facts = out.planFacts.get(plan.plan_id ?? '');
    if (!facts) return plan;
    return {
      ...plan,
      primary_need: plan.primary_need ?? facts.needs[0] ?? null,
      secondary_need: plan.secondary_need ?? (plan.primary_need ? null : facts.needs[1] ?? null),
      setting_type: plan.setting_type ?? facts.settingType,
      setting_in_area: plan.setting_in_area ?? facts.inArea,
    };
  });
  return new Map<string, Row[]>([
    ['children', [...children.values()]],
    ['ehc_requests', out.rows('ehc_requests')],
    ['ehc_plans', plans],
    ['child_needs_assessments', out.rows('child_needs_assessments')],
    ['personal_budgets', out.rows('personal_budgets')],
  ]);
}
