// The fault journal, newest first: when, what, with which parameters, what happened, who.
// All kept entries (bounded in the store) can be scrolled to; only those in view render.
import { useMemo, useRef } from 'react';
import { FAULT_LABELS } from '@shared/domain/faults.js';
import { fmtFaultParams } from './faultView';
import { fmtTime } from '../../ui/format/time';
import { useFaults } from './useFaults';
import { useVirtualRows } from '../../ui/useVirtualRows';

export function FaultJournalList() {
  const journal = useFaults((s) => s.faultJournal);
  const rows = useMemo(() => [...journal].reverse(), [journal]);
  const listRef = useRef<HTMLUListElement>(null);
  const view = useVirtualRows(rows.length, listRef, 48);
  if (rows.length === 0) return <p className="muted" data-testid="fault-journal">Nothing injected yet.</p>;
  return (
    <ul className="fault-journal" data-testid="fault-journal" ref={listRef}>
      {view.before > 0 ? <li aria-hidden="true" style={{ height: view.before }} /> : null}
      {view.items.map(({ index }) => {
        const e = rows[index] as (typeof rows)[number];
        return (
        <li key={`${e.t}-${e.faultId}-${e.action}`} data-index={index} ref={view.measure} className={`fault-journal-row action-${e.action}`} data-testid="fault-journal-entry" data-action={e.action} data-kind={e.kind}>
          <div className="fault-row-line">
            <span className="num muted">{fmtTime(e.t)}</span>
            <strong>{FAULT_LABELS[e.kind] ?? e.kind}</strong>
            <span className="fault-action" data-testid="fault-journal-action">
              {e.action}
            </span>
            <span className="spacer" />
            <span className="muted" title="Operator">
              {e.operator}
            </span>
          </div>
          <div className="fault-row-line small">
            <span className="muted">{fmtFaultParams(e.params, true)}</span>
          </div>
          {e.message ? <div className="fault-message small">{e.message}</div> : null}
        </li>
        );
      })}
      {view.after > 0 ? <li aria-hidden="true" style={{ height: view.after }} /> : null}
    </ul>
  );
}
