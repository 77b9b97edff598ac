import { BulkDownload } from '../../components/bulk-download.tsx';
import { PageShell } from '../../components/page-shell.tsx';
import { useAppData, useFilters } from '../../filters.ts';
import type { PageDef } from '../../page-list.ts';
import { Link } from '../../router.tsx';
import { AnalyticsTableLinks } from './analytics-table-links.tsx';
import { ApiLinks } from './api-links.tsx';
import { BoardPackLinks, Workbooks } from './files.tsx';
import { IndicatorLinks } from './indicator-links.tsx';

// Export and API: a section per file (workbooks and the board pack, each indicator, the analytics tables, the API).

/** Downloads and API links for the area and year chosen in the filters. */
export function ExportPage({ page }: { page: PageDef }) {
  const data = useAppData();
  const filters = useFilters();
  const synthetic = data.catalogue.data.synthetic;
  return (
    <PageShell page={page} filters={filters}>
      <div className="inset-text">
        <p>
          Download spreadsheets and CSV files for the area and year chosen above, or use the API links below. Disclosure control is applied
          to every figure: suppressed figures are shown as <code>c</code> (<Link href="/glossary#symbol-c">what the symbols mean</Link>).
          {synthetic ? ' While the loaded extract is synthetic, every file says so.' : ''}
        </p>
      </div>

      <Workbooks />

      <BulkDownload />

      <BoardPackLinks filters={filters} />

      <IndicatorLinks filters={filters} indicators={data.catalogue.indicators} />

      <AnalyticsTableLinks filters={filters} />

      <ApiLinks filters={filters} indicators={data.catalogue.indicators} defaultPeriod={data.defaultPeriod} />
    </PageShell>
  );
}
