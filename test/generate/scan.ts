import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { tables, type Table, type TableName } from '../../server/extract/spec.ts';
import { vocabularies } from '../../contract/vocabularies.ts';

// An independent reading of a generated extract, from the spec alone: it finds the salted
// faults (to compare with extract.json) and anything else wrong (which should be nothing).

export type Records = Record<string, string>[];

export function readTable(dir: string, table: Table): { header: string[]; rows: Records } {
  const [header = [], ...body] = parse(readFileSync(join(dir, `${table.name}.csv`), 'utf8'), { record_delimiter: '\n' }) as string[][];
  return { header, rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
export function validIso(v: string): boolean {
  const m = ISO.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return mo >= 1 && mo <= 12 && d >= 1 && d <= last;
}

export function nhsChecksumOk(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const total = [...digits.slice(0, 9)].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const check = 11 - (total % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(digits[9]);
}
const NHS_IN_TEXT = /\b(\d{3}\s?\d{3}\s?\d{4})\b/g;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/;
const PHONE = /(\+44\s?|\b0)\d{2,4}\s?\d{3,4}\s?\d{3,4}\b/;
const UPN = /^[A-Z]\d{12}$/;

export interface ScanResult {
  faults: Record<string, number>;
  /** Problems that are not salted faults: should be empty. */
  problems: string[];
  rows: Record<string, Records>;
}

/** Age in whole years at `date`, over the whole birth month: [youngest, oldest]. */
function ageRange(birthMonth: string, date: string): [number, number] {
  const [by, bm] = birthMonth.split('-').map(Number) as [number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const months = (y - by) * 12 + (m - bm);
  const lastDay = new Date(Date.UTC(by, bm, 0)).getUTCDate();
  // Born on the last day of the month: not yet had the birthday this month unless d >= lastDay.
  const youngest = Math.floor((months - (d < lastDay ? 1 : 0)) / 12);
  return [youngest, Math.floor(months / 12)];
}

export function scanExtract(dir: string, extractDate: string): ScanResult {
  const faults: Record<string, number> = {};
  const problems: string[] = [];
  const add = (k: string) => { faults[k] = (faults[k] ?? 0) + 1; };
  const rows: Record<string, Records> = {};
  const keys = new Map<TableName, Set<string>>();
  const birth = new Map<string, string>();
  const planChild = new Map<string, string>();

  for (const table of tables) {
    const { header, rows: records } = readTable(dir, table);
    rows[table.name] = records;
    const expected = table.columns.map((c) => c.name);
    if (header.join(',') !== expected.join(',')) problems.push(`${table.name}: header ${header.join(',')}`);
    const pk = table.primaryKey.length === 1 ? table.primaryKey[0] : undefined;
    const seen = new Set<string>();
    for (const [line, r] of records.entries()) {
      const where = `${table.name} row ${line + 2}`;
      const found: string[] = [];
      for (const col of table.columns) {
        const v = r[col.name] ?? '';
        if (v === '') {
          if (col.required) problems.push(`${where}: ${col.name} is empty`);
          continue;
        }
        switch (col.kind) {
          case 'id':
            if (nhsChecksumOk(v) || UPN.test(v)) found.push('id_identifier');
            else if (col.references === 'children' && !keys.get('children')?.has(v)) found.push('orphan_child');
            else if (col.references === 'ehc_plans' && !keys.get('ehc_plans')?.has(v)) found.push('orphan_plan');
            else if (col.references && !keys.get(col.references)?.has(v)) problems.push(`${where}: ${col.name} ${v} not in ${col.references}`);
            break;
          case 'code':
            if (!(vocabularies[col.vocabulary] as readonly string[]).includes(v.toUpperCase())) found.push('unknown_code');
            break;
          case 'date':
            if (!validIso(v)) found.push('bad_date');
            else if (v > extractDate) problems.push(`${where}: ${col.name} ${v} after the extract date`);
            break;
          case 'month':
            if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) problems.push(`${where}: ${col.name} ${v}`);
            break;
          case 'boolean':
            if (v !== 'true' && v !== 'false') problems.push(`${where}: ${col.name} ${v}`);
            break;
          case 'integer':
            if (!/^\d+$/.test(v) || (col.min !== undefined && Number(v) < col.min) || (col.max !== undefined && Number(v) > col.max)) problems.push(`${where}: ${col.name} ${v}`);
            break;
          case 'number':
          case 'money':
            if (!/^\d+(\.\d+)?$/.test(v)) problems.push(`${where}: ${col.name} ${v}`);
            if (col.kind === 'money' && !/\.\d{2}$/.test(v)) problems.push(`${where}: ${col.name} ${v} without pence`);
            break;
          case 'ons_code':
            if (!/^E(06|07|08|09|10)\d{6}$/.test(v)) problems.push(`${where}: ${col.name} ${v}`);
            break;
          case 'free_text': {
            if (EMAIL.test(v)) found.push('comment_email');
            if ([...v.matchAll(NHS_IN_TEXT)].some((m) => nhsChecksumOk((m[1] ?? '').replace(/\s/g, '')))) found.push('comment_nhs_number');
            if (POSTCODE.test(v)) found.push('comment_postcode');
            if (PHONE.test(v)) found.push('comment_phone');
            break;
          }
          default:
            break;
        }
      }
      for (const rule of table.dateOrder ?? []) {
        const a = r[rule.earlier] ?? '';
        const b = r[rule.later] ?? '';
        if (validIso(a) && validIso(b) && b < a) found.push('end_before_start');
      }
      if (pk) {
        const id = r[pk] ?? '';
        if (seen.has(id)) found.push('duplicate_key');
        seen.add(id);
      }
      // Everyone is 0-25 on every date of their records (the spec checks some; we check all).
      const bm = birth.get(r.child_id ?? planChild.get(r.plan_id ?? '') ?? '');
      if (bm && found.length === 0) {
        for (const col of table.columns.filter((c) => c.kind === 'date')) {
          const d = r[col.name] ?? '';
          if (!validIso(d)) continue;
          const [youngest, oldest] = ageRange(bm, d);
          if (youngest < 0 || oldest > 25) problems.push(`${where}: aged ${youngest}-${oldest} on ${col.name} ${d}`);
        }
      }
      if (found.length > 1) problems.push(`${where}: more than one fault (${found.join(', ')})`);
      for (const f of found) add(f);
      if (table.name === 'children') birth.set(r.child_id ?? '', r.birth_month ?? '');
      if (table.name === 'ehc_plans') planChild.set(r.plan_id ?? '', r.child_id ?? '');
      if (!pk) {
        const key = table.primaryKey.map((k) => r[k] ?? '').join('|');
        if (seen.has(key)) problems.push(`${where}: duplicate key ${key}`);
        seen.add(key);
      }
    }
    if (pk) keys.set(table.name, seen);
  }
  return { faults, problems, rows };
}
