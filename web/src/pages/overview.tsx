import type { CatalogueResponse } from '../../../server/api/contract.ts';
import { IndicatorPanel } from '../components/indicator-panel.tsx';

export function Overview({ catalogue }: { catalogue: CatalogueResponse }) {
  const extractDate = catalogue.data.extract_date;
  return (
    <>
      <h1>Overview</h1>
      <p className="lead">
        Headline needs and outcomes for children and young people with special educational needs and disabilities, from the
        loaded extract{extractDate ? ` dated ${extractDate}` : ''}.
      </p>
      <div className="panels">
        {catalogue.indicators.map((meta) => (
          <IndicatorPanel key={meta.id} meta={meta} />
        ))}
      </div>
    </>
  );
}
