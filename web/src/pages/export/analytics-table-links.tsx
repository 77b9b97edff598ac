import { ScrollTable } from '../../components/scroll-table.tsx';
import { analyticsCsvPath, analyticsTableList, exportPath } from '../../export-links.ts';
import type { Filters } from '../../filters.ts';

const chapterNames: Record<string, string> = { needs: 'Needs', gaps: 'Gaps', outcomes: 'Outcomes' };

/** Each commissioning analytics table as CSV for the area and year, with its metadata. */
export function AnalyticsTableLinks({ filters }: { filters: Filters }) {
  const area = filters.area.area_code;
  return (
    <>
      <h2 className="heading-l">Commissioning analytics tables</h2>
      <p>
        The tables behind the provision gaps, EHC journey, forecast, Local Offer feedback, personal budgets and preparing-for-adulthood
        pages, as CSV with the same figures and disclosure control as the pages ({filters.area.area_name}, {filters.period}; provision gaps
        always cover the whole LA). Each is also a sheet of its chapter’s workbook.
      </p>
      <ScrollTable caption={`Downloads of the commissioning analytics tables: ${filters.area.area_name}, ${filters.period}`}>
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col">Chapter</th>
            <th scope="col">CSV</th>
            <th scope="col">Metadata</th>
          </tr>
        </thead>
        <tbody>
          {analyticsTableList.map((t) => {
            const takes = (p: 'area' | 'period' | 'by') => (t.parameters as readonly string[]).includes(p);
            // The forecast has no period: it always runs from the latest complete year.
            const params = { area: takes('area') ? area : undefined, period: takes('period') ? filters.period : undefined };
            return (
              <tr key={t.id} data-table={t.id}>
                <th scope="row">
                  {t.title}
                  <span className="hint"> {t.description}</span>
                </th>
                <td>{chapterNames[t.chapter] ?? t.chapter}</td>
                <td>
                  <a href={analyticsCsvPath(t.id, params)} download data-testid="analytics-csv">
                    CSV<span className="visually-hidden">: {t.title}</span>
                  </a>
                </td>
                <td>
                  <a href={exportPath(`analytics/${t.id}.meta.csv`)} download>
                    CSV<span className="visually-hidden">: metadata of {t.title}</span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </ScrollTable>
    </>
  );
}
