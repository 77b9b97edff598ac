import { count, percent } from '../../analytics-format.ts';
import type { FeedbackThemesResponse } from '../../../../contract/feedback.ts';
import { SymbolKey } from '../../components/analytics-ui.tsx';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { GlossaryLink } from '../../glossary/glossary-link.tsx';

// Local Offer page: each theme's mean rating and its "you said, we did" responses. Responses rest on few comments
// per theme, so most are suppressed (c) on a typical extract: then the page says why in words, with the glossary's
// entry for c, and lists in words only the shares that can be published, rather than a wall of c. The server's
// disclosure control decides what is published; this only chooses how to show it.

type Data = FeedbackThemesResponse;
type Theme = Data['themes'][number];

const responseKeys = ['responded', 'service_changed', 'none', 'not_recorded'] as const;

const rating = (t: Theme): string => (t.mean_rating.value === null ? (t.mean_rating.symbol ?? 'x') : t.mean_rating.value.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));

/** Themes with at least one published response share. */
export const publishedResponses = (themes: Theme[]): Theme[] => themes.filter((t) => responseKeys.some((k) => t.responses[k].value !== null));

/** True when more than half of the themes' response shares are suppressed (c). */
export function responsesMostlySuppressed(themes: Theme[]): boolean {
  const cells = themes.flatMap((t) => responseKeys.map((k) => t.responses[k]));
  return cells.length > 0 && cells.filter((c) => c.symbol === 'c').length > cells.length / 2;
}

function ResponsesTable({ themes, caption }: { themes: Theme[]; caption: string }) {
  return (
    <>
      <ScrollTable caption={caption}>
        <thead>
          <tr>
            <th scope="col">Theme</th>
            <th scope="col" className="numeric">Responded to</th>
            <th scope="col" className="numeric">Service changed</th>
            <th scope="col" className="numeric">No response</th>
            <th scope="col" className="numeric">Response not recorded</th>
          </tr>
        </thead>
        <tbody>
          {themes.map((t) => (
            <tr key={t.theme} data-theme={t.theme}>
              <th scope="row">{t.label}</th>
              {responseKeys.map((k) => (
                <td key={k} className="numeric">
                  {percent(t.responses[k])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <p className="hint">Responses are shares of the theme&apos;s comments.</p>
      <SymbolKey symbols={themes.flatMap((t) => responseKeys.map((k) => t.responses[k].symbol))} />
    </>
  );
}

function RatingsTable({ themes, caption }: { themes: Theme[]; caption: string }) {
  return (
    <>
      <ScrollTable caption={caption}>
        <thead>
          <tr>
            <th scope="col">Theme</th>
            <th scope="col" className="numeric">Mean rating (1 very poor to 5 very good)</th>
          </tr>
        </thead>
        <tbody>
          {themes.map((t) => (
            <tr key={t.theme} data-theme={t.theme}>
              <th scope="row">{t.label}</th>
              <td className="numeric" data-testid="theme-rating">
                {rating(t)}
                {t.rated.value !== null && t.rated.value !== t.comments.value ? <span className="hint"> ({count(t.rated)} rated)</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
      <SymbolKey symbols={themes.map((t) => t.mean_rating.symbol)} />
    </>
  );
}

const responseWords: Record<(typeof responseKeys)[number], string> = {
  responded: 'responded to',
  service_changed: 'service changed',
  none: 'no response',
  not_recorded: 'response not recorded',
};

/** "45.0% responded to, 12.0% service changed": the theme's published response shares only. */
export const publishedShareWords = (t: Theme): string =>
  responseKeys
    .filter((k) => t.responses[k].value !== null)
    .map((k) => `${percent(t.responses[k])} ${responseWords[k]}`)
    .join(', ');

/** Ratings, then "you said, we did": every theme when most responses can be published, else the why in words. */
export function RatingsAndResponses({ data, when }: { data: Data; when: string }) {
  const where = `${data.area.area_name}, ${when}`;
  if (!responsesMostlySuppressed(data.themes)) {
    return (
      <>
        <RatingsTable themes={data.themes} caption={`Mean rating by theme, ${where}`} />
        <div data-testid="you-said-we-did">
          <ResponsesTable themes={data.themes} caption={`“You said, we did” responses by theme, ${where}`} />
        </div>
      </>
    );
  }
  const published = publishedResponses(data.themes);
  const withheld = data.themes.length - published.length;
  return (
    <>
      <RatingsTable themes={data.themes} caption={`Mean rating by theme, ${where}`} />
      <div data-testid="you-said-we-did">
        <p className="analytics-text">
          Most “you said, we did” responses cannot be shown by theme. For most themes the number of comments answered in each way is too small to
          publish safely: a figure of 1 to 7, or one that would let such a figure be worked out, is withheld (marked{' '}
          <GlossaryLink id="symbol-c">c</GlossaryLink> in the downloads) so that no family can be identified.{' '}
          {published.length > 0
            ? `${withheld} of ${data.themes.length} themes have no response that can be published; for the others, the shares that can be published are:`
            : `None can be published by theme for ${when}.`}
        </p>
        {published.length > 0 ? (
          <ul className="list analytics-text">
            {published.map((t) => (
              <li key={t.theme} data-theme={t.theme}>
                {t.label}: {publishedShareWords(t)}.
              </li>
            ))}
          </ul>
        ) : null}
        <p className="hint">Shares of the theme&apos;s comments. A response not listed is withheld.</p>
      </div>
    </>
  );
}
