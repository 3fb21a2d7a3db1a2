// Data integrity per link: what arrived intact and what was discarded, and why,
// as totals and per-second rates. Fed by the engine's `integrity` event.
import { INTEGRITY_COUNTER_NAMES, type IntegrityCounters } from '@shared/domain/integrity.js';
import { fmtFixed, fmtInt } from '../../ui/format/numbers';
import { ModbusBlocksTable } from './ModbusBlocksTable';
import { useIntegrity } from './useIntegrity';

const LABELS: Record<keyof IntegrityCounters, string> = {
  framesOk: 'Frames ok',
  checksumFailures: 'Checksum failures',
  resyncs: 'Resyncs',
  overlongLines: 'Over-long lines',
  nonNumeric: 'Non-numeric fields',
  malformed: 'Malformed frames',
  seqGaps: 'Sequence gaps',
  framesLost: 'Frames lost',
  bytesDiscarded: 'Bytes discarded',
  unknownFields: 'Unknown fields',
  ignored: 'Frames of no layout',
  scriptErrors: 'Script errors',
};

export function IntegrityPanel() {
  const report = useIntegrity((s) => s.integrity);
  if (!report || report.links.length === 0) {
    return (
      <div className="integrity" data-testid="integrity-panel">
        <p className="muted">No link data yet.</p>
      </div>
    );
  }
  return (
    <div className="integrity" data-testid="integrity-panel">
      {report.links.map((l) => (
        <section key={l.link} data-testid={`integrity-link-${l.link}`}>
          <div className="section-title integrity-title" title={l.label}>
            {l.label} <span className="muted">· {l.format}</span>
          </div>
          <table className="grid-table integrity-table">
            <thead>
              <tr>
                <th>Counter</th>
                <th className="num">Total</th>
                <th className="num">Per s</th>
              </tr>
            </thead>
            <tbody>
              {INTEGRITY_COUNTER_NAMES.map((k) => {
                const bad = k !== 'framesOk' && l.totals[k] > 0;
                return (
                  <tr key={k} className={bad ? 'tone-warn' : undefined}>
                    <td>{LABELS[k]}</td>
                    <td className="num" data-testid={`integrity-${k}`}>
                      {fmtInt(l.totals[k])}
                    </td>
                    <td className="num" data-testid={`integrity-${k}-rate`}>
                      {fmtFixed(l.rates[k], 0)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {l.lastError ? (
            <p className="tone-warn integrity-error" data-testid="integrity-last-error">
              Latest script error: {l.lastError}
            </p>
          ) : null}
          {l.modbusBlocks?.length ? <ModbusBlocksTable blocks={l.modbusBlocks} /> : null}
        </section>
      ))}
    </div>
  );
}
