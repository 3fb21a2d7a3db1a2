// The alarm panel (ISA-18.2): active alarms by priority then time, flashing until
// acknowledged; Ack, Ack all, Shelve (duration + reason), Unshelve; counts, flood
// indicator, alarms per minute, and the journal with a filter.
import { useMemo, useRef, useState } from 'react';
import { isUnacknowledged, type Alarm } from '@shared/alarms/alarm.js';
import { ALARM_PRIORITIES } from '@shared/alarms/rules.js';
import {
  CONDITION_LABEL,
  PRIORITY_LABEL,
  STATE_LABEL,
  countsByPriority,
  filterJournal,
  isFlood,
  startsPerMinute,
  startsWithin,
  FLOOD_WINDOW_MS,
  unackCount,
  workingAlarms,
} from './alarmView';
import { fmtTime } from '../../ui/format/time';
import { useNow } from '../../ui/useNow';
import { useVirtualRows } from '../../ui/useVirtualRows';
import { useAlarms, useAlarmsActions } from './useAlarms';
import { AlarmHistoryChart } from './AlarmHistoryChart';
import { AlarmRulesDialog } from './AlarmRulesDialog';
import { ShelveDialog } from './ShelveDialog';



export function fmtValue(v: number): string {
  if (!Number.isFinite(v)) return '—';
  return Math.abs(v) >= 1000 || Math.abs(v) < 0.01 ? v.toPrecision(4) : v.toFixed(3).replace(/\.?0+$/, '');
}

const alarmLabel = (a: Alarm) => `ch${a.channel + 1} ${CONDITION_LABEL[a.condition] ?? a.condition}`;

export function AlarmPanel() {
  const alarms = useAlarms((s) => s.alarms);
  const journal = useAlarms((s) => s.journal);
  const actions = useAlarmsActions();
  const now = useNow(5000);
  const [shelving, setShelving] = useState<Alarm | null>(null);
  const [editing, setEditing] = useState(false);
  const [filter, setFilter] = useState('');

  const working = useMemo(() => workingAlarms(alarms), [alarms]);
  const aside = useMemo(() => alarms.filter((a) => a.state === 'shelved' || a.state === 'suppressed'), [alarms]);
  const counts = useMemo(() => countsByPriority(alarms), [alarms]);
  const unack = unackCount(alarms);
  const flood = isFlood(journal, now);
  const recentStarts = startsWithin(journal, now, FLOOD_WINDOW_MS);
  const perMinute = useMemo(() => startsPerMinute(journal, now), [journal, now]);
  // The whole kept journal (bounded in the store), newest first; only the rows in view render.
  const shown = useMemo(() => filterJournal(journal, filter).reverse(), [journal, filter]);
  const journalRef = useRef<HTMLDivElement>(null);
  const journalView = useVirtualRows(shown.length, journalRef, 24);

  return (
    <div className="alarms" data-testid="alarm-panel">
      <div className="alarms-main">
        <div className="alarms-summary">
          {ALARM_PRIORITIES.map((p) => (
            <span key={p} className={`prio-count prio-${p}`} data-testid={`alarm-count-${p}`} title={`${PRIORITY_LABEL[p]} alarms`}>
              {PRIORITY_LABEL[p]} <strong>{counts[p]}</strong>
            </span>
          ))}
          <span className="muted">
            Unacknowledged <strong data-testid="alarm-unack-count">{unack}</strong>
          </span>
          {flood ? (
            <span className="flood" role="status" data-testid="alarm-flood" title="More than 10 alarms started within 10 minutes">
              ALARM FLOOD ({recentStarts} in 10 min)
            </span>
          ) : null}
          <span className="spacer" />
          <button type="button" className="btn" data-testid="alarm-rules" onClick={() => setEditing(true)}>
            Rules…
          </button>
          <button type="button" className="btn btn-primary" data-testid="alarm-ack-all" disabled={unack === 0} onClick={() => void actions.alarmAction({ action: 'ack-all' })}>
            Ack all
          </button>
        </div>
        <div className="alarms-table-wrap" tabIndex={0} aria-label="Active alarms">
          <table className="alarms-table" data-testid="alarm-list">
            <thead>
              <tr>
                <th>Priority</th>
                <th>Time</th>
                <th>Channel</th>
                <th>Limit</th>
                <th>Value</th>
                <th>State</th>
                <th>Message</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {working.length === 0 ? (
                <tr>
                  <td colSpan={8} className="muted alarms-empty">
                    No active alarms
                  </td>
                </tr>
              ) : null}
              {working.map((a) => {
                const flashing = isUnacknowledged(a);
                return (
                  <tr
                    key={a.id}
                    className={`alarm-row prio-${a.priority}${flashing ? ' alarm-unack' : ''}${a.active ? '' : ' alarm-cleared'}`}
                    data-testid={`alarm-row-${a.id}`}
                    data-state={a.state}
                    data-flashing={flashing}
                  >
                    <td>
                      <span className="prio-swatch" aria-hidden="true" />
                      {PRIORITY_LABEL[a.priority]}
                      {flashing ? (
                        <span className="unack-mark" title="Unacknowledged">
                          {' '}
                          UNACK
                        </span>
                      ) : null}
                    </td>
                    <td className="num">{fmtTime(a.occurredAt)}</td>
                    <td>
                      ch{a.channel + 1}
                      {a.orphaned ? <span className="tone-warn"> (gone)</span> : null}
                    </td>
                    <td>
                      {CONDITION_LABEL[a.condition] ?? a.condition} {Number.isFinite(a.limit) ? fmtValue(a.limit) : ''}
                    </td>
                    <td className="num">{fmtValue(a.value)}</td>
                    <td>{STATE_LABEL[a.state]}</td>
                    <td className="alarm-message">{a.message}</td>
                    <td className="alarm-actions">
                      <button type="button" className="btn" data-testid={`alarm-ack-${a.id}`} disabled={!flashing} onClick={() => void actions.alarmAction({ action: 'ack', id: a.id })}>
                        Ack
                      </button>
                      <button type="button" className="btn" data-testid={`alarm-shelve-${a.id}`} onClick={() => setShelving(a)}>
                        Shelve…
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {aside.length > 0 ? (
            <>
              <div className="section-title">Shelved / suppressed</div>
              <ul className="alarms-aside" data-testid="alarm-shelved">
                {aside.map((a) => (
                  <li key={a.id} data-testid={`alarm-shelved-${a.id}`}>
                    <span className={`prio-swatch prio-${a.priority}`} aria-hidden="true" />
                    {alarmLabel(a)} — {STATE_LABEL[a.state]}
                    {a.shelve ? (
                      <span className="muted">
                        {' '}
                        by {a.shelve.by}
                        {a.shelve.until ? ` until ${fmtTime(a.shelve.until)}` : ' until it clears'}: {a.shelve.reason}
                      </span>
                    ) : null}
                    {a.state === 'shelved' ? (
                      <button type="button" className="btn" data-testid={`alarm-unshelve-${a.id}`} onClick={() => void actions.alarmAction({ action: 'unshelve', id: a.id })}>
                        Unshelve
                      </button>
                    ) : (
                      <button type="button" className="btn" onClick={() => void actions.alarmAction({ action: 'unsuppress', id: a.id })}>
                        Unsuppress
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
      <div className="alarms-side">
        <AlarmHistoryChart rows={perMinute} />
        <div className="alarms-journal-head">
          <span className="section-title">Journal</span>
          <input type="text" placeholder="Filter (channel, limit, operator…)" aria-label="Filter journal" data-testid="journal-filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </div>
        <div className="alarms-journal-wrap" tabIndex={0} aria-label="Alarm journal" ref={journalRef}>
          <table className="alarms-table journal" data-testid="alarm-journal">
            <thead>
              <tr>
                <th>Time</th>
                <th>Channel</th>
                <th>Limit</th>
                <th>Value</th>
                <th>Change</th>
                <th>Operator</th>
              </tr>
            </thead>
            <tbody>
              {journalView.before > 0 ? <tr aria-hidden="true" style={{ height: journalView.before }} /> : null}
              {journalView.items.map(({ index }) => {
                const e = shown[index] as (typeof shown)[number];
                return (
                <tr key={e.seq} data-index={index} ref={journalView.measure} data-testid="journal-row" className={`prio-${e.priority}`}>
                  <td className="num">{fmtTime(e.t)}</td>
                  <td>ch{e.channel + 1}</td>
                  <td>
                    {CONDITION_LABEL[e.condition] ?? e.condition} {Number.isFinite(e.limit) ? fmtValue(e.limit) : ''}
                  </td>
                  <td className="num">{fmtValue(e.value)}</td>
                  <td title={`${STATE_LABEL[e.from]} → ${STATE_LABEL[e.to]}`}>
                    {e.action}
                    {e.reason ? <span className="muted"> ({e.reason})</span> : null}
                  </td>
                  <td>{e.by ?? ''}</td>
                </tr>
                );
              })}
              {journalView.after > 0 ? <tr aria-hidden="true" style={{ height: journalView.after }} /> : null}
            </tbody>
          </table>
        </div>
      </div>
      {shelving ? (
        <ShelveDialog
          alarmLabel={alarmLabel(shelving)}
          onCancel={() => setShelving(null)}
          onShelve={(durationSec, reason) => {
            const id = shelving.id;
            setShelving(null);
            void actions.alarmAction(durationSec === undefined ? { action: 'shelve', id, reason } : { action: 'shelve', id, reason, durationSec });
          }}
        />
      ) : null}
      {editing ? <AlarmRulesDialog onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
