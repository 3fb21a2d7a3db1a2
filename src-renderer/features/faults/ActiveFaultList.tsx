// Faults scheduled or running: kind, parameters, time left, what they did so far; Stop each or all.
import { FAULT_LABELS, faultParams } from '@shared/domain/faults.js';
import { fmtFaultParams, fmtRemaining } from './faultView';
import { fmtInt } from '../../ui/format/numbers';
import { useNow } from '../../ui/useNow';
import { useFaults, useFaultsActions } from './useFaults';

export function ActiveFaultList() {
  const faults = useFaults((s) => s.faults);
  const { stopFault } = useFaultsActions();
  const now = useNow(500);
  return (
    <div className="fault-active-list" data-testid="fault-active-list">
      <div className="fault-list-head">
        <span className="muted">
          <span data-testid="fault-active-count">{faults.length}</span> active or scheduled
        </span>
        <span className="spacer" />
        <button type="button" className="btn" data-testid="fault-stop-all" disabled={faults.length === 0} onClick={() => void stopFault({ all: true })}>
          Stop all
        </button>
      </div>
      {faults.length === 0 ? <p className="muted">No faults injected.</p> : null}
      <ul className="fault-rows">
        {faults.map((f) => (
          <li key={f.id} className={`fault-row fault-${f.state}`} data-testid="fault-active" data-fault-id={f.id} data-kind={f.kind} data-state={f.state}>
            <div className="fault-row-line">
              <strong>{FAULT_LABELS[f.kind]}</strong>
              <span className="badge fault-state-badge">{f.state}</span>
              <span className="spacer" />
              <span className="num" data-testid="fault-remaining">
                {fmtRemaining(f, now)}
              </span>
              <button type="button" className="btn fault-stop" data-testid="fault-stop" aria-label={`Stop ${FAULT_LABELS[f.kind]}`} onClick={() => void stopFault({ faultId: f.id })}>
                Stop
              </button>
            </div>
            <div className="fault-row-line muted small">
              <span className="fault-params" data-testid="fault-params">
                {fmtFaultParams(faultParams(f.request)) || 'no parameters'}
              </span>
              <span className="spacer" />
              <span>
                affected <span data-testid="fault-affected">{fmtInt(f.affected)}</span>
              </span>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
