// Alarm starts per minute over the last hour, stacked by priority (recharts).
import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { MinuteRow } from './alarmView';
import { PRIORITY_COLOR } from './priorityColors';

const AXIS_TICK = { fill: '#8b95a3', fontSize: 10 };
const TOOLTIP_STYLE = { background: '#1f242c', border: '1px solid #3a414c', fontSize: 11, padding: '4px 6px' };
const KEYS = ['critical', 'high', 'medium', 'low'] as const;

function AlarmHistoryChartImpl({ rows }: { rows: readonly MinuteRow[] }) {
  return (
    <figure className="trend" data-testid="alarm-rate-chart">
      <figcaption className="trend-title">Alarms per minute (last hour)</figcaption>
      <BarChart responsive style={{ width: '100%', height: 90 }} data={rows as MinuteRow[]} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="#2c323b" strokeDasharray="2 3" vertical={false} />
        <XAxis dataKey="minute" tick={AXIS_TICK} stroke="#3a414c" height={16} ticks={[-59, -45, -30, -15, 0]} tickFormatter={(v: number) => (v === 0 ? 'now' : `${-v}m`)} />
        <YAxis tick={AXIS_TICK} stroke="#3a414c" width={30} allowDecimals={false} />
        <Tooltip contentStyle={TOOLTIP_STYLE} labelFormatter={(v) => (Number(v) === 0 ? 'this minute' : `${-Number(v)} min ago`)} isAnimationActive={false} />
        {KEYS.map((k) => (
          <Bar key={k} dataKey={k} stackId="p" fill={PRIORITY_COLOR[k]} isAnimationActive={false} />
        ))}
      </BarChart>
    </figure>
  );
}

export const AlarmHistoryChart = memo(AlarmHistoryChartImpl);
