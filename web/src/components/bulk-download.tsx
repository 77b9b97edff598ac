import { useState } from 'react';
import type { BulkExportQuery } from '../../../contract/indicators.ts';
import { exportPath } from '../export-links.ts';
import { useAppData } from '../filters.ts';

// The Export page's bulk download (issue 17): every indicator for the chosen areas, years and breakdowns in one
// tidy CSV or workbook, from GET /api/export/bulk/indicators.csv|.xlsx. A section of its own so the Export page's
// other parts can change independently.

type Choice = Required<BulkExportQuery>;

/** The download address for a choice; defaults are left out of the URL. */
export function bulkPath(kind: 'csv' | 'xlsx', choice: Choice): string {
  return exportPath(`bulk/indicators.${kind}`, {
    area: choice.area === 'all' ? undefined : choice.area,
    period: choice.period === 'all' ? undefined : choice.period,
    breakdowns: choice.breakdowns === 'totals' ? undefined : choice.breakdowns,
  });
}

function Select({ id, label, hint, value, onChange, options }: { id: string; label: string; hint?: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) {
  return (
    <div className="form-group">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select className="select" id={id} value={value} aria-describedby={hint ? `${id}-hint` : undefined} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function BulkDownload() {
  const { areas, periods, catalogue } = useAppData();
  const [choice, setChoice] = useState<Choice>({ area: 'all', period: 'all', breakdowns: 'totals' });
  const years = periods.filter((p) => p.period_type === 'calendar-year');
  const set = (key: keyof Choice) => (value: string) => setChoice((c) => ({ ...c, [key]: value }) as Choice);
  return (
    <section aria-labelledby="bulk-download-heading" data-testid="bulk-download">
      <h2 className="heading-l" id="bulk-download-heading">
        Every indicator in one file
      </h2>
      <p>
        All {catalogue.indicators.length} indicators in one tidy table (one row per indicator, area, year and breakdown, in the Department for Education’s
        open data layout), with the same figures as each indicator’s own download. Withheld figures are shown as c, figures that cannot be calculated as x.
      </p>
      <div className="bulk-download__choices">
        <Select
          id="bulk-area"
          label="Areas"
          value={choice.area}
          onChange={set('area')}
          options={[{ value: 'all', label: 'The local authority and every locality' }, ...areas.map((a) => ({ value: a.area_code, label: a.area_type === 'locality' ? `${a.area_name} (locality)` : a.area_name }))]}
        />
        <Select
          id="bulk-period"
          label="Years"
          hint="Calendar years, January to December."
          value={choice.period}
          onChange={set('period')}
          options={[{ value: 'all', label: 'Every year' }, ...years.map((p) => ({ value: p.period, label: p.complete ? p.period : `${p.period} (part of the year)` }))]}
        />
        <Select
          id="bulk-breakdowns"
          label="Breakdowns"
          value={choice.breakdowns}
          onChange={set('breakdowns')}
          options={[
            { value: 'totals', label: 'Totals only' },
            { value: 'all', label: 'Totals and every breakdown (age, sex, need and others)' },
          ]}
        />
      </div>
      <ul className="list list--bullet">
        <li>
          <a href={bulkPath('csv', choice)} download data-testid="bulk-csv">
            Download every indicator (CSV)
          </a>
        </li>
        <li>
          <a href={bulkPath('xlsx', choice)} download data-testid="bulk-xlsx">
            Download every indicator as a workbook (XLSX)
          </a>
        </li>
      </ul>
    </section>
  );
}
