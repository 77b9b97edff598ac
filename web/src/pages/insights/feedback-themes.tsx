import type { FeedbackThemesResponse } from '../../../../contract/feedback.ts';
import { fetchFeedbackThemes } from '../../analytics-api.ts';
import { count, percent, provisionInSentence, provisionLabel, shareWords } from '../../analytics-format.ts';
import { CategoryBars, type BarRow } from '../../charts/category-bars.tsx';
import { AnalyticsSection, SymbolKey, symbolLegend, TableDownload } from '../../components/analytics-ui.tsx';
import { analyticsCsvPath } from '../../export-links.ts';
import { ChartBlock } from '../../components/chart-block.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { Await, EmptyState } from '../../components/states.tsx';
import type { Filters } from '../../filters.ts';
import { joinWords } from '../../format.ts';
import { useMediaQuery } from '../../use-media-query.ts';
import { useRequest } from '../../use-request.ts';
import { RatingsAndResponses } from './feedback-responses.tsx';

// Local Offer page: feedback comments by theme (volume, share, mean rating, trend, provision touched, "you said,
// we did" responses, and example quotes where the API gives them). GET /api/feedback/themes?area=&period=.

type Data = FeedbackThemesResponse;
type Theme = Data['themes'][number];

export const feedbackSection = { id: 'feedback-themes', title: 'What families say: feedback themes' };

function periodWords(data: Data): string {
  return data.period.period_type === 'financial-year' ? `financial year ${data.period.period}` : data.period.period;
}

/** The chart's table: comments and share by theme. */
function VolumeTable({ data }: { data: Data }) {
  return (
    <>
      <ScrollTable caption={`Feedback comments by theme, ${data.area.area_name}, ${periodWords(data)}`}>
        <thead>
          <tr>
            <th scope="col">Theme</th>
            <th scope="col" className="numeric">Comments</th>
            <th scope="col" className="numeric">Share of all comments</th>
          </tr>
        </thead>
        <tbody>
          {data.themes.map((t) => (
            <tr key={t.theme} data-theme={t.theme}>
              <th scope="row">{t.label}</th>
              <td className="numeric" data-testid="theme-comments">
                {count(t.comments)}
              </td>
              <td className="numeric">{percent(t.share)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All comments</th>
            <td className="numeric" data-testid="all-comments">
              {count(data.comments)}
            </td>
            <td className="numeric">{data.comments.value === null ? count(data.comments) : '100%'}</td>
          </tr>
        </tfoot>
      </ScrollTable>
      <p className="hint">A comment can carry several themes, so the themes add up to more than all comments.</p>
      <SymbolKey symbols={[...data.themes.flatMap((t) => [t.comments.symbol, t.share.symbol]), data.comments.symbol]} />
    </>
  );
}

/** Each theme's comments in every year of the same type: the count, and its share of that year's comments. */
function TrendTable({ data }: { data: Data }) {
  const periods = [...new Set(data.themes.flatMap((t) => t.trend.map((p) => p.period)))].sort();
  if (periods.length === 0) return null;
  return (
    <>
      <ScrollTable caption={`Comments by theme and year (share of the year’s comments), ${data.area.area_name}`}>
        <thead>
          <tr>
            <th scope="col">Theme</th>
            {periods.map((p) => (
              <th key={p} scope="col" className="numeric">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.themes.map((t) => (
            <tr key={t.theme}>
              <th scope="row">{t.label}</th>
              {periods.map((period) => {
                const p = t.trend.find((x) => x.period === period);
                return (
                  <td key={period} className="numeric">
                    {p ? count(p.comments) : '–'}
                    {p && p.share.value !== null ? <span className="hint"> ({percent(p.share)})</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <SymbolKey symbols={data.themes.flatMap((t) => t.trend.map((p) => p.comments.symbol))} />
    </>
  );
}

/** A theme behind a toggle: what it covers, the provision its comments name, example comments. */
export function ThemeDetails({ theme }: { theme: Theme }) {
  const allWithheld = theme.categories.length > 0 && theme.categories.every((c) => c.comments.value === null);
  return (
    <details className="details analytics-details theme-details" data-theme={theme.theme}>
      <summary className="details__summary">
        <span className="details__summary-text">
          {theme.label}: {count(theme.comments)} comments
        </span>
      </summary>
      <div className="details__text">
        <p>{theme.description}</p>
        <h4>Provision the comments are about</h4>
        {theme.categories.length === 0 ? (
          <p>No provision is named in these comments.</p>
        ) : allWithheld ? (
          // Not a list of c: the provision in words, and why there are no counts.
          <p data-testid="provision-named">
            Named in these comments: {joinWords(theme.categories.map((c) => provisionInSentence(c.category)))}. How many comments name each is
            too small to publish safely, so no counts are shown.
          </p>
        ) : (
          <ul className="list">
            {theme.categories.map((c) => (
              <li key={c.category}>
                {provisionLabel(c.category)}: {shareWords(c.comments)}
              </li>
            ))}
          </ul>
        )}
        <SymbolKey symbols={allWithheld ? [] : theme.categories.map((c) => c.comments.symbol)} />
        {theme.quotes.length > 0 ? (
          <>
            <h4>What people said</h4>
            {theme.quotes.map((q) => (
              <blockquote key={q} className="quote" data-testid="quote">
                <p>“{q}”</p>
              </blockquote>
            ))}
          </>
        ) : null}
      </div>
    </details>
  );
}

export function FeedbackThemes({ filters }: { filters: Filters }) {
  const params = { area: filters.area.area_code, period: filters.period };
  const state = useRequest(`feedback-themes|${params.area}|${params.period}`, (signal) => fetchFeedbackThemes(params, signal));
  const narrow = useMediaQuery('(max-width: 640px)');
  return (
    <AnalyticsSection id={feedbackSection.id} title={feedbackSection.title} testId="feedback-themes">
      <Await state={state} what="the feedback themes">
        {(data) => {
          const rows: BarRow[] = data.themes.map((t) => ({ key: t.theme, label: t.label, values: [t.comments.value], symbols: [t.comments.symbol] }));
          const top = [...data.themes].filter((t) => t.comments.value !== null && t.theme !== 'other').sort((a, b) => (b.comments.value ?? 0) - (a.comments.value ?? 0))[0];
          const summary =
            data.comments.value === 0
              ? `No feedback comments were received for ${data.area.area_name} in ${periodWords(data)}.`
              : top && (top.comments.value ?? 0) > 0
                ? `Of ${count(data.comments)} comments in ${periodWords(data)}, the most common theme was ${top.label.toLowerCase()} (${count(top.comments)} comments, ${percent(top.share)} of all comments).`
                : `There were ${count(data.comments)} comments in ${periodWords(data)}; the counts by theme are too small to publish.`;
          const withQuotes = data.themes.filter((t) => t.quotes.length > 0).length;
          return (
            <>
              <p className="analytics-text">
                Comments left with Local Offer feedback in {periodWords(data)}, sorted into themes by the words and phrases they use. A comment can
                carry several themes.
              </p>
              {data.comments.value === 0 ? (
                <EmptyState title={`No feedback comments were received for ${data.area.area_name} in ${periodWords(data)}.`} />
              ) : (
                <>
                  <ChartBlock
                    title={`Comments by theme, ${periodWords(data)}`}
                    summary={summary}
                    legend={[{ kind: 'bar', label: 'Comments' }, ...symbolLegend(rows.flatMap((r) => r.symbols))]}
                    chart={<CategoryBars rows={rows} series={[{ name: 'Comments', style: 'solid' }]} format={(v) => v.toLocaleString('en-GB')} narrow={narrow} />}
                    table={<VolumeTable data={data} />}
                    download={analyticsCsvPath('feedback-themes', data.query)}
                    testId="themes-chart"
                  />
                  <h3>Ratings and “you said, we did” responses</h3>
                  <RatingsAndResponses data={data} when={periodWords(data)} />
                  <TableDownload table="feedback-themes" params={data.query} />
                  <h3>Comments by theme over time</h3>
                  <TrendTable data={data} />
                  <TableDownload table="feedback-theme-trend" params={data.query} />
                  <h3>Each theme: what it covers, provision named{withQuotes > 0 ? ' and what people said' : ''}</h3>
                  {withQuotes === 0 ? (
                    <p className="hint">
                      Example comments are shown only for themes with at least {data.method.min_comments_for_quotes} comments that can be published.
                    </p>
                  ) : null}
                  {data.themes.map((t) => (
                    <ThemeDetails key={t.theme} theme={t} />
                  ))}
                </>
              )}
              <details className="details analytics-details">
                <summary className="details__summary">
                  <span className="details__summary-text">How comments are sorted into themes</span>
                </summary>
                <div className="details__text">
                  <p>{data.method.summary}</p>
                  <p>{data.method.quotes}</p>
                  <p>{data.disclosure.rule}</p>
                </div>
              </details>
            </>
          );
        }}
      </Await>
    </AnalyticsSection>
  );
}
