import type { VocabularyName } from '../../contract/vocabularies.ts';

// The extract format (docs/extract-format.md describes it) as data. It is the single source
// for the generator, ingest validation, the SQL schema (sql/schema/extract-tables.sql
// is generated from it) and the format docs (docs/extract-format.md). Its code lists
// live in contract/vocabularies.ts, which the web app shares.

/**
 * Column kinds. `id` is a pseudonymous key (identifier-like values reject the row);
 * `free_text` is redacted instead; `ons_code` is a 9-character LA code.
 */
export type ColumnKind =
  | { kind: 'id' }
  | { kind: 'text' }
  | { kind: 'free_text' }
  | { kind: 'code'; vocabulary: VocabularyName }
  | { kind: 'ons_code' }
  | { kind: 'date' }
  | { kind: 'month' }
  | { kind: 'boolean' }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'number'; min?: number }
  | { kind: 'money' };

export type Column = ColumnKind & {
  name: string;
  required?: boolean;
  /** Foreign key: must match a loaded row of this table's primary key. */
  references?: TableName;
  notes?: string;
  /**
   * Extension for tables the contract gives no LA: empty means the extract's LA (extract.json
   * la_code, else the one LA of its children), filled in at load; with no such LA the row is rejected.
   */
  extractLaDefault?: boolean;
};

export type TableName =
  | 'children' | 'ehc_requests' | 'ehc_plans' | 'ehc_provision' | 'annual_reviews'
  | 'child_needs_assessments' | 'personal_budgets' | 'tribunal_appeals'
  | 'local_offer_services' | 'local_offer_feedback' | 'population';

/** A date rule: `later` must be on or after `earlier` when both are present. */
export interface DateOrder { earlier: string; later: string }

export interface Table {
  name: TableName;
  description: string;
  /** Single-column primary key; population has a composite natural key instead. */
  primaryKey: string[];
  columns: Column[];
  dateOrder?: DateOrder[];
  /** Date column at which the child must be aged 0-25 (checked through children.birth_month). */
  ageCheckDate?: string;
}

const col = <C extends Column>(c: C): C => c;
const childRef = col({ name: 'child_id', kind: 'id', required: true, references: 'children' });
const planRef = col({ name: 'plan_id', kind: 'id', required: true, references: 'ehc_plans' });
const extractLa = col({
  name: 'la_code',
  kind: 'ons_code',
  extractLaDefault: true,
  notes: 'the LA whose Local Offer lists it; empty = the extract\'s LA (la_code in extract.json)',
});

// Order matters: a table's references come before it, so validation can run in this order.
export const tables: readonly Table[] = [
  {
    name: 'children',
    description: 'One row per child or young person (0-25).',
    primaryKey: ['child_id'],
    columns: [
      { name: 'child_id', kind: 'id', required: true, notes: 'pseudonymous, unique within the extract' },
      { name: 'birth_month', kind: 'month', required: true, notes: 'no day of birth' },
      { name: 'sex', kind: 'code', vocabulary: 'sex' },
      { name: 'ethnic_group', kind: 'code', vocabulary: 'ethnic_group' },
      { name: 'la_code', kind: 'ons_code', required: true, notes: 'responsible LA' },
      { name: 'locality', kind: 'text', notes: 'LA-defined locality or ward name' },
      { name: 'lsoa_code', kind: 'text', notes: 'LSOA 2021 code' },
      { name: 'continuing_care', kind: 'boolean', notes: "eligible for children's continuing care (NHS)" },
    ],
  },
  {
    name: 'ehc_requests',
    description: 'One row per request for an EHC needs assessment.',
    primaryKey: ['request_id'],
    columns: [
      { name: 'request_id', kind: 'id', required: true },
      childRef,
      { name: 'received_date', kind: 'date', required: true },
      { name: 'source', kind: 'code', vocabulary: 'request_source' },
      { name: 'assessment_decision', kind: 'code', vocabulary: 'assessment_decision' },
      { name: 'assessment_decision_date', kind: 'date' },
      { name: 'plan_decision', kind: 'code', vocabulary: 'plan_decision' },
      { name: 'plan_decision_date', kind: 'date', notes: 'final plan issued, or decision not to issue' },
      { name: 'week20_exception', kind: 'boolean', notes: 'a statutory exception to the 20-week limit applies' },
    ],
    dateOrder: [
      { earlier: 'received_date', later: 'assessment_decision_date' },
      { earlier: 'received_date', later: 'plan_decision_date' },
      { earlier: 'assessment_decision_date', later: 'plan_decision_date' },
    ],
    ageCheckDate: 'received_date',
  },
  {
    name: 'ehc_plans',
    description: 'One row per EHC plan (including plans transferred from statements).',
    primaryKey: ['plan_id'],
    columns: [
      { name: 'plan_id', kind: 'id', required: true },
      childRef,
      { name: 'request_id', kind: 'id', references: 'ehc_requests', notes: 'empty for transfers' },
      { name: 'start_date', kind: 'date', required: true, notes: 'date the final plan was issued' },
      { name: 'end_date', kind: 'date', notes: 'date the plan ceased; empty while active' },
      { name: 'cease_reason', kind: 'code', vocabulary: 'cease_reason' },
      { name: 'primary_need', kind: 'code', vocabulary: 'need', required: true },
      { name: 'secondary_need', kind: 'code', vocabulary: 'need' },
      { name: 'setting_type', kind: 'code', vocabulary: 'setting_type' },
      { name: 'setting_in_area', kind: 'boolean' },
      { name: 'from_statement', kind: 'boolean' },
    ],
    dateOrder: [{ earlier: 'start_date', later: 'end_date' }],
    ageCheckDate: 'start_date',
  },
  {
    name: 'ehc_provision',
    description: 'One row per provision line in sections F (education), G (health), H1/H2 (social care).',
    primaryKey: ['provision_id'],
    columns: [
      { name: 'provision_id', kind: 'id', required: true },
      planRef,
      { name: 'section', kind: 'code', vocabulary: 'provision_section', required: true },
      { name: 'category', kind: 'code', vocabulary: 'provision_category', required: true },
      { name: 'commissioner', kind: 'text', notes: 'LA ONS code or ICB/CCG ODS code' },
      { name: 'specified_date', kind: 'date', required: true },
      { name: 'start_date', kind: 'date', notes: 'empty = not yet delivered' },
      { name: 'end_date', kind: 'date' },
      { name: 'hours_per_year', kind: 'number', min: 0 },
    ],
    dateOrder: [
      { earlier: 'specified_date', later: 'start_date' },
      { earlier: 'start_date', later: 'end_date' },
    ],
  },
  {
    name: 'annual_reviews',
    description: 'Annual reviews of EHC plans, with preparing-for-adulthood outcomes.',
    primaryKey: ['review_id'],
    columns: [
      { name: 'review_id', kind: 'id', required: true },
      planRef,
      { name: 'due_date', kind: 'date', required: true },
      { name: 'held_date', kind: 'date', notes: 'empty = not held' },
      { name: 'outcome', kind: 'code', vocabulary: 'review_outcome' },
      { name: 'pfa_employment', kind: 'boolean' },
      { name: 'pfa_independent_living', kind: 'boolean' },
      { name: 'pfa_community', kind: 'boolean' },
      { name: 'pfa_health', kind: 'boolean' },
    ],
  },
  {
    name: 'child_needs_assessments',
    description: "Social care assessments of children in need, and Care Act transition assessments.",
    primaryKey: ['assessment_id'],
    columns: [
      { name: 'assessment_id', kind: 'id', required: true },
      childRef,
      { name: 'assessment_type', kind: 'code', vocabulary: 'assessment_type', required: true },
      { name: 'start_date', kind: 'date', required: true },
      { name: 'completed_date', kind: 'date' },
      { name: 'outcome', kind: 'code', vocabulary: 'cna_outcome' },
      { name: 'disability', kind: 'boolean' },
      { name: 'indicative_budget', kind: 'money' },
    ],
    dateOrder: [{ earlier: 'start_date', later: 'completed_date' }],
    ageCheckDate: 'start_date',
  },
  {
    name: 'personal_budgets',
    description: 'Personal budgets, from EHC plans or from a CNA only.',
    primaryKey: ['budget_id'],
    columns: [
      { name: 'budget_id', kind: 'id', required: true },
      childRef,
      { name: 'plan_id', kind: 'id', references: 'ehc_plans', notes: 'empty for budgets from a CNA only' },
      { name: 'element', kind: 'code', vocabulary: 'budget_element', required: true },
      { name: 'mechanism', kind: 'code', vocabulary: 'budget_mechanism', required: true },
      { name: 'annual_amount', kind: 'money' },
      { name: 'start_date', kind: 'date', required: true },
      { name: 'end_date', kind: 'date' },
      { name: 'personal_health_budget', kind: 'boolean' },
    ],
    dateOrder: [{ earlier: 'start_date', later: 'end_date' }],
  },
  {
    name: 'tribunal_appeals',
    description: 'SEND Tribunal appeals registered.',
    primaryKey: ['appeal_id'],
    columns: [
      { name: 'appeal_id', kind: 'id', required: true },
      childRef,
      { name: 'registered_date', kind: 'date', required: true },
      { name: 'appeal_type', kind: 'code', vocabulary: 'appeal_type', required: true },
      { name: 'outcome', kind: 'code', vocabulary: 'appeal_outcome' },
    ],
  },
  {
    name: 'local_offer_services',
    description: 'The Local Offer directory.',
    primaryKey: ['service_id'],
    columns: [
      { name: 'service_id', kind: 'id', required: true },
      { name: 'name', kind: 'text', required: true },
      { name: 'category', kind: 'code', vocabulary: 'provision_category', required: true },
      { name: 'provider', kind: 'text' },
      { name: 'commissioner', kind: 'text' },
      { name: 'age_min', kind: 'integer', min: 0, max: 25 },
      { name: 'age_max', kind: 'integer', min: 0, max: 25 },
      { name: 'locality', kind: 'text', notes: 'empty = whole LA' },
      { name: 'places_per_year', kind: 'integer', min: 0, notes: 'commissioned capacity' },
      { name: 'typical_wait_weeks', kind: 'number', min: 0 },
      { name: 'active_from', kind: 'date' },
      { name: 'active_to', kind: 'date' },
      extractLa,
    ],
    dateOrder: [{ earlier: 'active_from', later: 'active_to' }],
  },
  {
    name: 'local_offer_feedback',
    description: 'Feedback on the Local Offer and the services in it.',
    primaryKey: ['feedback_id'],
    columns: [
      { name: 'feedback_id', kind: 'id', required: true },
      { name: 'received_date', kind: 'date', required: true },
      { name: 'service_id', kind: 'id', references: 'local_offer_services', notes: 'empty = the Local Offer in general' },
      { name: 'category', kind: 'code', vocabulary: 'provision_category' },
      { name: 'respondent', kind: 'code', vocabulary: 'respondent' },
      { name: 'rating', kind: 'integer', min: 1, max: 5, notes: '1 (very poor) - 5 (very good)' },
      { name: 'comment', kind: 'free_text', notes: 'identifiers are redacted at ingest' },
      { name: 'response', kind: 'code', vocabulary: 'feedback_response' },
      { ...extractLa, notes: 'the LA whose Local Offer it is about; empty = the extract\'s LA (la_code in extract.json)' },
    ],
  },
  {
    name: 'population',
    description: 'Denominators (ONS mid-year estimates).',
    primaryKey: ['la_code', 'year', 'age', 'sex', 'locality'],
    columns: [
      { name: 'la_code', kind: 'ons_code', required: true },
      { name: 'year', kind: 'integer', required: true, min: 1990, max: 2100 },
      { name: 'age', kind: 'integer', required: true, min: 0, max: 25 },
      { name: 'sex', kind: 'code', vocabulary: 'population_sex', required: true },
      { name: 'population', kind: 'integer', required: true, min: 0 },
      { name: 'locality', kind: 'text' },
    ],
  },
];

export const tableByName = new Map(tables.map((t) => [t.name, t]));

export function getTable(name: TableName): Table {
  const t = tableByName.get(name);
  if (!t) throw new Error(`unknown table ${name}`);
  return t;
}

/**
 * A row whose LA column (extractLaDefault) sits beside a reference to a parent that has one
 * too must be of its parent's LA: feedback on a service is about that service's LA.
 */
export function laOfParent(table: Table): { ref: string; parent: string; key: string; la: string }[] {
  const la = table.columns.find((c) => c.extractLaDefault)?.name;
  if (!la) return [];
  return table.columns.flatMap((c) => {
    if (!c.references) return [];
    const parent = getTable(c.references);
    const parentLa = parent.columns.find((p) => p.extractLaDefault)?.name;
    const key = parent.primaryKey[0];
    return parentLa === la && key ? [{ ref: c.name, parent: parent.name, key, la }] : [];
  });
}

export interface ExtractManifest {
  la_code?: string;
  extract_date?: string;
  period_start?: string;
  period_end?: string;
  producer?: string;
  /** Extension: true for generated data, so the dashboard can say so on every page and export. */
  synthetic?: boolean;
  generator?: Record<string, unknown>;
}
