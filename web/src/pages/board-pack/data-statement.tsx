import type { DataStatusResponse, IndicatorMeta } from '../../../../contract/indicators.ts';
import '../../components/board-pack-styles.css';
import { disclosureStatement, shareOf } from '../../components/board-pack-text.ts';
import { type AppData } from '../../filters.ts';
import { formatCount, formatDate, polarityText } from '../../format.ts';
import { fileInWords, reasonInSentence } from '../../reason-words.ts';

// The board pack's synthetic-data warning and its statement on the data (load, rejections, disclosure, sources).

/** `compact` (a phone's screen, below the site's own synthetic-data banner): one line, so the summary stays on the first screen. */
export function SyntheticWarning({ compact = false }: { compact?: boolean }) {
  return (
    <div className="board-pack__synthetic" role="note" aria-label="Synthetic data warning" data-testid="board-pack-synthetic">
      <p className="board-pack__synthetic-title">{compact ? 'Synthetic data: not real, not for decisions' : 'Synthetic data: not real'}</p>
      {compact ? null : (
        <p>
          Every figure in this pack comes from a generated, synthetic extract. The figures are not about any real child, local
          authority or service and must not be used for decisions.
        </p>
      )}
    </div>
  );
}

/** The data-quality statement: what was loaded, when, how much was rejected, disclosure, methods and sources. */
export function DataStatement({ status, data, metas }: { status: DataStatusResponse; data: AppData; metas: IndicatorMeta[] }) {
  const notice = status.data ?? data.catalogue.data;
  const run = status.runs.find((r) => r.run_id === notice.data_version);
  const read = status.files.reduce((s, f) => s + (f.rows_read ?? 0), 0);
  const loaded = status.files.reduce((s, f) => s + (f.rows_loaded ?? 0), 0);
  const rejected = status.files.reduce((s, f) => s + (f.rows_rejected ?? 0), 0);
  const la = data.areas.find((a) => a.area_code === notice.la_code);
  const sources = [...new Set(metas.flatMap((m) => m.sources))].sort();
  const reasons = [...status.quarantine].sort((a, b) => b.rows - a.rows).slice(0, 3);
  return (
    <section className="board-pack-section board-pack-section--data" aria-labelledby="board-pack-data" data-testid="board-pack-data-quality">
      <h2 className="heading-l" id="board-pack-data">
        About the data
      </h2>
      <dl className="summary-list board-pack-facts">
        <div className="summary-list__row">
          <dt>Kind of data</dt>
          <dd>{notice.synthetic ? 'Synthetic: generated, not about real children. Not for decisions.' : 'Anonymised extract of local records'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Extract</dt>
          <dd data-testid="board-pack-extract-date">
            Dated {formatDate(notice.extract_date)}, from {la ? `${la.area_name} (${la.area_code})` : (notice.la_code ?? 'a local authority not recorded')}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Load</dt>
          <dd data-testid="board-pack-load-run">
            Load run {notice.data_version}
            {run?.finished_at ? `, finished ${formatDate(run.finished_at)}` : ''}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Rows</dt>
          <dd data-testid="board-pack-rows">
            {formatCount(read)} rows read from {status.files.length} files: {formatCount(loaded)} loaded, {formatCount(rejected)} rejected
            {shareOf(rejected, read)}. Rejected rows are left out of every figure
            {reasons[0] ? `; the most common reason: ${reasonInSentence(reasons[0].reason)} (${formatCount(reasons[0].rows)} ${reasons[0].rows === 1 ? 'row' : 'rows'} in ${fileInWords(reasons[0].file_name)})` : ''}.
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Disclosure control</dt>
          <dd data-testid="board-pack-disclosure">
            {disclosureStatement(metas)} A figure that cannot be calculated is shown as x.
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Confidence intervals and comparisons</dt>
          <dd>
            Each figure has a 95% confidence interval (Wilson score method for percentages, Byar’s method for rates). It is
            similar to a comparator whose figure lies inside that interval, otherwise better or worse (higher or lower where
            neither is better).
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Sources</dt>
          <dd>
            Local extract tables: {sources.join(', ')}. Comparators: Department for Education, Education, health and care plans
            (2025) and statistical neighbours; Office for National Statistics mid-2021 population estimates; Ministry of
            Justice, SEND Tribunal appeals.
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Licence</dt>
          <dd data-testid="board-pack-licence">
            Contains public sector information licensed under the{' '}
            <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">
              Open Government Licence v3.0
            </a>
            .
          </dd>
        </div>
      </dl>
      <Definitions metas={metas} />
    </section>
  );
}

/** What each indicator measures, and which way is better. */
function Definitions({ metas }: { metas: IndicatorMeta[] }) {
  return (
    <>
      <h3 className="heading-m board-pack-definitions__title" id="board-pack-definitions">
        What the indicators measure
      </h3>
      <dl className="board-pack-definitions" aria-labelledby="board-pack-definitions">
        {metas.map((m) => (
          <div key={m.id} className="board-pack-definitions__row">
            <dt>{m.title}</dt>
            <dd>
              {m.definition} {polarityText[m.polarity]}.
            </dd>
          </div>
        ))}
      </dl>
    </>
  );
}
