import type { TableName } from '../extract/spec.ts';
import { identifierElements } from './codes.ts';
import type { XmlNode } from './xml-reader.ts';

// Gathers the contract rows read from every return, with per-module counts (read = loaded +
// rejected) and the quarantine of rejected records. Files are read newest first, so a record
// already held came from a later return: the older copy is the duplicate.

export type Row = Record<string, string | null>;

export interface ReturnReject {
  fileName: string;
  line: number;
  module: string;
  element: string | null;
  /** Never the value of an identifier element: '[withheld]'. */
  value: string | null;
  reason: string;
}

export interface ModuleSummary {
  fileName: string;
  collection: 'SEN2' | 'CIN';
  year: string;
  module: string;
  read: number;
  loaded: number;
  rejected: number;
}

interface Held {
  row: Row;
  fileName: string;
}

/** Elements that are records of a module (counted), by return. */
export const moduleElements = {
  SEN2: ['Person', 'Requests', 'Request', 'Assessment', 'NamedPlan', 'PlanDetail', 'ActivePlans', 'PlacementDetail', 'SENneed'],
  CIN: ['Child', 'CINdetails', 'Assessments', 'CINPlanDates', 'Section47', 'ChildProtectionPlans'],
} as const;

export class ReturnsCollector {
  readonly tables = new Map<TableName | 'cin_children', Map<string, Held>>();
  readonly rejects: ReturnReject[] = [];
  /**
   * Needs and setting of each plan from the newest return that gives them: a plan ceased since an
   * older return has no <ActivePlans> in the newer one, so its need comes from the older.
   */
  readonly planFacts = new Map<string, PlanFacts>();
  /** The identifiers of the record being read: a quoted value holding one is withheld. */
  private secrets: string[] = [];
  private readonly modules = new Map<string, ModuleSummary>();

  constructor() {
    for (const t of ['children', 'cin_children', 'ehc_requests', 'ehc_plans', 'child_needs_assessments', 'personal_budgets'] as const) {
      this.tables.set(t, new Map());
    }
  }

  beginRecord(identifiers: string[]): void {
    this.secrets = identifiers.map((v) => v.trim().toUpperCase()).filter((v) => v.length >= 2);
  }

  private leaks(value: string): boolean {
    const upper = value.toUpperCase();
    return this.secrets.some((s) => upper.includes(s) || s.includes(upper));
  }

  moduleSummaries(): ModuleSummary[] {
    return [...this.modules.values()];
  }

  private summary(file: FileContext, module: string): ModuleSummary {
    const id = `${file.fileName}\u0000${module}`;
    let s = this.modules.get(id);
    if (!s) {
      s = { fileName: file.fileName, collection: file.collection, year: file.year, module, read: 0, loaded: 0, rejected: 0 };
      this.modules.set(id, s);
    }
    return s;
  }

  loaded(file: FileContext, module: string): void {
    const s = this.summary(file, module);
    s.read++;
    s.loaded++;
  }

  /** Quarantines one record (and counts every module record inside it as rejected with it). */
  reject(file: FileContext, node: XmlNode, problem: Problem, cascade = true): void {
    const s = this.summary(file, node.name);
    s.read++;
    s.rejected++;
    const value = problem.value ?? null;
    const withheld = (problem.element !== null && identifierElements.has(problem.element)) || (value !== null && this.leaks(value));
    this.rejects.push({
      fileName: file.fileName, line: problem.line ?? node.line, module: node.name, element: problem.element,
      value: withheld ? '[withheld]' : value,
      reason: withheld && value ? problem.reason.split(value).join('[withheld]') : problem.reason,
    });
    if (!cascade) return;
    const inside = (n: XmlNode): void => {
      for (const c of n.children) {
        if ((moduleElements[file.collection] as readonly string[]).includes(c.name)) {
          this.reject(file, c, { element: null, reason: `part of a rejected ${node.name} (see its own line)`, line: c.line });
        } else inside(c);
      }
    };
    inside(node);
  }

  /** Holds a row unless its key is already held: then the record is a duplicate and is rejected. */
  put(file: FileContext, node: XmlNode, table: TableName | 'cin_children', key: string, row: Row, cascade = true): boolean {
    if (!this.claim(file, node, table, key, cascade)) return false;
    this.tables.get(table)?.set(key, { row, fileName: file.fileName });
    return true;
  }

  /** False (and the record rejected, with everything in it) when the key is already held. */
  claim(file: FileContext, node: XmlNode, table: TableName | 'cin_children', key: string, cascade = true): boolean {
    const other = this.tables.get(table)?.get(key);
    if (other) {
      const reason = other.fileName === file.fileName
        ? `duplicate ${node.name}: the same record appears earlier in this file`
        : `duplicate ${node.name}: the same record is in the later return ${other.fileName}, which is loaded`;
      this.reject(file, node, { element: null, reason }, cascade);
      return false;
    }
    return true;
  }

  set(file: FileContext, table: TableName | 'cin_children', key: string, row: Row): void {
    this.tables.get(table)?.set(key, { row, fileName: file.fileName });
  }

  rows(table: TableName | 'cin_children'): Row[] {
    return [...(this.tables.get(table)?.values() ?? [])].map((h) => h.row);
  }
}

export interface PlanFacts {
  needs: string[];
  settingType: string | null;
  inArea: string | null;
}

export interface FileContext {
  fileName: string;
  collection: 'SEN2' | 'CIN';
  year: string;
  referenceDate: string;
  laCode: string;
}

export interface Problem {
  element: string | null;
  value?: string;
  reason: string;
  line?: number;
}
