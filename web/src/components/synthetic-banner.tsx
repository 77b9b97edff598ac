/** Shown on every page while the loaded extract is synthetic, so it is never mistaken for real data. */
export function SyntheticBanner() {
  return (
    <div className="synthetic-banner" role="note" aria-label="Synthetic data warning">
      <div className="width-container">
        <strong className="tag">Synthetic data</strong> These figures come from a generated, synthetic extract. They are not
        real data about any child, local authority or service, and must not be used for decisions.
      </div>
    </div>
  );
}
