/** Shown on every page while the loaded extract is synthetic, so it is never mistaken for real data. */
export function SyntheticBanner() {
  return (
    <div className="synthetic-banner" role="note" aria-label="Synthetic data warning">
      <div className="width-container">
        <strong className="tag">Synthetic data</strong>{' '}
        <span className="synthetic-banner__full">
          These figures come from a generated, synthetic extract. They are not real data about any child, local authority or service, and
          must not be used for decisions.
        </span>
        {/* On a phone the same warning in fewer lines, so the first screen still shows figures. */}
        <span className="synthetic-banner__short">Made-up figures, not about real children or services: not for decisions.</span>
      </div>
    </div>
  );
}
