import { oneDp, wholeNumber } from '../../analytics-format.ts';
import { AnalyticsSection, SummaryList } from '../../components/analytics-ui.tsx';
import type { Data } from './shared.ts';

/** The method's sentences, three to a paragraph. */
function paragraphs(text: string): string[] {
  const sentences = text.split(/(?<=[.)])\s+(?=[A-Z])/);
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i += 3) out.push(sentences.slice(i, i + 3).join(' '));
  return out;
}

/** How the projection is made: the API's method in words, and the model's facts as a summary list. */
export function Method({ data }: { data: Data }) {
  const m = data.model;
  const facts: [string, string][] = [
    ['Starts from', m.jump_off_year ? `Active plans on 31 December ${m.jump_off_year}` : 'No complete year'],
    ['Rates measured over', m.fit_years.join(', ') || 'None'],
    ['Population growth', `${oneDp(100 * m.population_growth)}% a year`],
    ['Year-to-year variation', `new plans ${oneDp(100 * m.joining_year_spread)}%, plans ending ${oneDp(100 * m.leaving_year_spread)}% (on a log scale, beyond chance)`],
    ['Simulations', `${wholeNumber(m.simulations)} (seed ${m.seed}, so the band is the same every time)`],
  ];
  if (m.joining_ratio !== null || m.leaving_ratio !== null) {
    facts.push(['This locality against the LA', `new plans ${m.joining_ratio === null ? 'c' : `${m.joining_ratio.toFixed(2)} times`}, plans ending ${m.leaving_ratio === null ? 'c' : `${m.leaving_ratio.toFixed(2)} times`} the LA's rates`]);
  }
  return (
    <AnalyticsSection id="method" title="How the projection is made" testId="method">
      <div className="analytics-text" data-testid="forecast-method">
        {paragraphs(data.method).map((p) => (
          <p key={p}>{p}</p>
        ))}
      </div>
      <SummaryList items={facts} wide />
    </AnalyticsSection>
  );
}
