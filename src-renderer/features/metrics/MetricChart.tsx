// One small recharts trend (last 5 minutes at 1 Hz). Animations are off: the data
// changes every second and tweening would only blur it.
import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { HISTORY_SIZE } from './history';

export type TrendRow = Record<string, number>;

export interface TrendSeries {
  key: string;
  name: string;
  color: string;
}

interface Props {
  title: string;
  rows: readonly TrendRow[];
  series: readonly TrendSeries[];
  unit?: string;
  /** A dashed horizontal line, e.g. the queue capacity (drawn only when the data reaches it). */
  reference?: { value: number; label: string };
  testId?: string;
}

const AXIS_TICK = { fill: '#8b95a3', fontSize: 10 };
const TOOLTIP_STYLE = { background: '#1f242c', border: '1px solid #3a414c', fontSize: 11, padding: '4px 6px' };

const formatAge = (s: number) => (s === 0 ? 'now' : `${Math.round(s / 60) === s / 60 ? `${s / 60}m` : `${s}s`}`);

function MetricChartImpl({ title, rows, series, unit, reference, testId }: Props) {
  return (
    <figure className="trend" data-testid={testId}>
      <figcaption className="trend-title">
        {title}
        {unit ? <span className="trend-unit"> ({unit})</span> : null}
      </figcaption>
      <LineChart responsive style={{ width: '100%', height: 96 }} data={rows as TrendRow[]} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#2c323b" strokeDasharray="2 3" />
        <XAxis
          dataKey="age"
          type="number"
          domain={[-HISTORY_SIZE, 0]}
          ticks={[-300, -240, -180, -120, -60, 0]}
          tickFormatter={(v: number) => formatAge(-v)}
          tick={AXIS_TICK}
          stroke="#3a414c"
          height={16}
        />
        <YAxis tick={AXIS_TICK} stroke="#3a414c" width={44} />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          labelFormatter={(v) => `${formatAge(-Number(v))} ago`}
          isAnimationActive={false}
        />
        {reference ? (
          <ReferenceLine
            y={reference.value}
            stroke="#ff5d73"
            strokeDasharray="4 3"
            label={{ value: reference.label, fill: '#ff5d73', fontSize: 10, position: 'insideTopRight' }}
          />
        ) : null}
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </figure>
  );
}

export const MetricChart = memo(MetricChartImpl);
