import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { IndicatorMeta, IndicatorRow } from '../../../server/api/contract.ts';
import { formatValue } from '../format.ts';

// Marks use colours with at least 3:1 contrast on white; the band is labelled in the legend text.
const LINE = '#1d70b8';
const BAND = '#9cc0e0';

export function TrendChart({ meta, rows }: { meta: IndicatorMeta; rows: IndicatorRow[] }) {
  const data = rows.map((r) => ({
    period: r.period,
    value: r.value,
    interval: r.lower_95 !== null && r.upper_95 !== null ? [r.lower_95, r.upper_95] : null,
  }));
  return (
    <figure className="chart" aria-label={`Chart of ${meta.title} by year; the same figures are in the table below`}>
      <div aria-hidden="true" className="chart-area">
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid stroke="#e0e0e0" vertical={false} />
            <XAxis dataKey="period" stroke="#505a5f" />
            <YAxis stroke="#505a5f" tickFormatter={(v: number) => formatValue(v, meta)} width={64} />
            <Tooltip formatter={(v) => (Array.isArray(v) ? v.map((x) => formatValue(Number(x), meta)).join(' to ') : formatValue(Number(v), meta))} />
            <Area dataKey="interval" name="95% confidence interval" stroke="none" fill={BAND} fillOpacity={0.6} isAnimationActive={false} />
            <Line dataKey="value" name={meta.title} stroke={LINE} strokeWidth={3} dot={{ r: 4, fill: LINE }} isAnimationActive={false} connectNulls={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="chart-legend">
        <span className="legend-line" /> value &nbsp; <span className="legend-band" /> 95% confidence interval
      </figcaption>
    </figure>
  );
}
