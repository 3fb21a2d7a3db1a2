// One widget: its face, coloured by the alarm state of its channel, and a small settings row.
import { useRef, useState } from 'react';
import { PRIORITY_COLOR } from '../alarms';
import { useInstruments } from '../plots';
import { channelAlarmPriority } from './alarmColor';
import { statsFor, useSampleTick } from './useLiveStats';
import { useWidgetsState, useWidgetsStore, useWidgetsView } from './useWidgets';
import type { WidgetConfig } from './widgetConfig';
import { Bar, Gauge, Led, NORMAL_COLOR, Readout, StatsTable } from './WidgetViews';

const LABEL: Record<WidgetConfig['kind'], string> = { readout: 'Readout', gauge: 'Gauge', bar: 'Bar', led: 'LED', table: 'Table' };

export function WidgetCard({ config }: { config: WidgetConfig }) {
  const { hub } = useInstruments();
  const store = useWidgetsStore();
  const channels = useWidgetsView((s) => s.channels);
  const alarms = useWidgetsView((s) => s.alarms);
  const error = useWidgetsState((s) => s.errors[config.id]);
  const ref = useRef<HTMLElement>(null);
  useSampleTick(hub, ref);
  const [editing, setEditing] = useState(false);
  const stats = statsFor(hub);
  const indexOf = (name: string): number => channels.findIndex((c) => c.name === name);
  const alarmOf = (name: string): string => {
    const i = indexOf(name);
    return (i >= 0 ? channelAlarmPriority(alarms, i) : null) ?? 'normal';
  };
  const colorOf = (alarm: string): string => (alarm === 'normal' ? NORMAL_COLOR : PRIORITY_COLOR[alarm as keyof typeof PRIORITY_COLOR]);
  const name = config.channels[0] ?? '';
  const index = indexOf(name);
  const alarm = alarmOf(name);
  const value = index >= 0 ? stats.get(index).latest : Number.NaN;
  const unit = channels[index]?.unit ?? '';
  const face = { value, unit, color: colorOf(alarm), min: config.min, max: config.max, decimals: config.decimals };
  const num = (field: 'min' | 'max' | 'threshold') => (e: React.FocusEvent<HTMLInputElement>) => {
    const v = Number(e.target.value);
    if (e.target.value.trim() !== '' && Number.isFinite(v)) store.actions.update(config.id, { [field]: v });
  };

  return (
    <section ref={ref} className="widget-card" aria-label={`${LABEL[config.kind]} ${config.channels.join(', ')}`} data-testid={config.id} data-kind={config.kind} data-alarm={config.kind === 'table' ? undefined : alarm}>
      <header className="widget-head">
        {config.kind === 'table' ? (
          <span>Latest values</span>
        ) : (
          <select aria-label="Channel" value={name} onChange={(e) => store.actions.update(config.id, { channels: [e.target.value] })}>
            {channels.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        )}
        {index < 0 && config.kind !== 'table' ? <span className="plot-note">{name} is gone</span> : null}
        <span className="spacer" />
        {config.kind === 'table' ? (
          <button type="button" className="link-button" onClick={() => stats.reset()}>
            Reset
          </button>
        ) : null}
        <button type="button" className="link-button" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
          Edit
        </button>
        <button type="button" className="dock-close" aria-label={`Remove ${LABEL[config.kind]}`} onClick={() => store.actions.remove(config.id)}>
          ×
        </button>
      </header>
      {editing && config.kind !== 'table' ? (
        <div className="widget-edit">
          <label className="field-inline">
            Min <input type="text" defaultValue={config.min} onBlur={num('min')} style={{ width: 50 }} />
          </label>
          <label className="field-inline">
            Max <input type="text" defaultValue={config.max} onBlur={num('max')} style={{ width: 50 }} />
          </label>
          {config.kind === 'led' ? (
            <label className="field-inline">
              Threshold <input type="text" defaultValue={config.threshold} onBlur={num('threshold')} style={{ width: 50 }} />
            </label>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <div className="plot-error" role="alert">
          {error}
        </div>
      ) : null}
      {config.kind === 'readout' ? <Readout {...face} /> : null}
      {config.kind === 'gauge' ? <Gauge {...face} /> : null}
      {config.kind === 'bar' ? <Bar {...face} /> : null}
      {config.kind === 'led' ? <Led {...face} threshold={config.threshold} /> : null}
      {config.kind === 'table' ? (
        <StatsTable
          decimals={config.decimals}
          rows={config.channels.map((n) => {
            const a = alarmOf(n);
            return { name: n, stat: indexOf(n) >= 0 ? stats.get(indexOf(n)) : stats.get(-1), color: colorOf(a), alarm: a };
          })}
        />
      ) : null}
    </section>
  );
}
