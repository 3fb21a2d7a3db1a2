// A Modbus source's poll record per register block: polls, answers, exceptions, timeouts and other
// errors, with the last error. Each failed poll is also one malformed frame in the table above.
import type { ModbusBlockStats } from '@shared/domain/integrity.js';
import { fmtInt } from '../../ui/format/numbers';

const AREA_LABELS: Record<ModbusBlockStats['area'], string> = { holding: 'Holding', input: 'Input', coil: 'Coils', discrete: 'Discrete inputs' };

export function ModbusBlocksTable({ blocks }: { blocks: readonly ModbusBlockStats[] }) {
  return (
    <>
      <div className="section-title">Modbus register blocks</div>
      <table className="grid-table integrity-table" data-testid="integrity-modbus-blocks">
        <thead>
          <tr>
            <th>Block</th>
            <th className="num">Polls</th>
            <th className="num">Exceptions</th>
            <th className="num">Timeouts</th>
            <th className="num">Errors</th>
          </tr>
        </thead>
        <tbody>
          {blocks.map((b) => {
            const bad = b.exceptions + b.timeouts + b.errors > 0;
            const range = b.length > 1 ? `${b.start}–${b.start + b.length - 1}` : String(b.start);
            return (
              <tr key={`${b.area}-${b.start}`} className={bad ? 'tone-warn' : undefined} data-testid={`modbus-block-${b.area}-${b.start}`} title={b.lastError ?? `channels ${b.channels.join(', ')}`}>
                <td>
                  {AREA_LABELS[b.area]} {range} <span className="muted">({b.channels.join(', ')})</span>
                </td>
                <td className="num" data-testid="modbus-block-polls">
                  {fmtInt(b.polls)}
                </td>
                <td className="num" data-testid="modbus-block-exceptions">
                  {fmtInt(b.exceptions)}
                </td>
                <td className="num" data-testid="modbus-block-timeouts">
                  {fmtInt(b.timeouts)}
                </td>
                <td className="num" data-testid="modbus-block-errors">
                  {fmtInt(b.errors)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {blocks.some((b) => b.lastError) ? (
        <ul className="integrity-error tone-warn" data-testid="modbus-block-errors-list">
          {blocks
            .filter((b) => b.lastError)
            .map((b) => (
              <li key={`${b.area}-${b.start}`}>
                {AREA_LABELS[b.area]} {b.start}: {b.lastError}
              </li>
            ))}
        </ul>
      ) : null}
    </>
  );
}
