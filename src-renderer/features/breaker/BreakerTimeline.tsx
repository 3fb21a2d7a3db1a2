// The breaker's transitions, newest first.
import { useMemo } from 'react';
import type { BreakerTransition } from '@shared/domain/breaker.js';
import { fmtTime } from '../../ui/format/time';

export function BreakerTimeline({ transitions }: { transitions: readonly BreakerTransition[] }) {
  const rows = useMemo(() => [...transitions].reverse(), [transitions]);
  if (rows.length === 0) return <p className="muted">No transitions yet.</p>;
  return (
    <table className="grid-table breaker-timeline" data-testid="breaker-timeline">
      <thead>
        <tr>
          <th>Time</th>
          <th>Change</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((tr) => (
          <tr key={`${tr.t}-${tr.from}-${tr.to}`} data-testid="breaker-transition" data-from={tr.from} data-to={tr.to}>
            <td className="num">{fmtTime(tr.t)}</td>
            <td>
              <span className={`breaker-text-${tr.from}`}>{tr.from}</span> → <span className={`breaker-text-${tr.to}`}>{tr.to}</span>
            </td>
            <td className="wrap">{tr.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
