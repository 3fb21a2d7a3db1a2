// Operator fault injection: the form, what is injected now, and the journal.
import { ActiveFaultList } from './ActiveFaultList';
import { FaultForm } from './FaultForm';
import { FaultJournalList } from './FaultJournalList';

export function FaultPanel() {
  return (
    <div className="faults" data-testid="fault-panel">
      <div className="section-title">Inject</div>
      <FaultForm />
      <div className="section-title">Active</div>
      <ActiveFaultList />
      <div className="section-title">Journal</div>
      <FaultJournalList />
    </div>
  );
}
