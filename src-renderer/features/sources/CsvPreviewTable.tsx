// The CSV dialog's preview: the first rows as the replay will read them (time and each mapped
// channel), and the rows it will not replay, by line number.
import type { CsvPreview } from '@shared/domain/csv-preview.js';
import { fmtTime } from '../../ui/format/time';

export function CsvPreviewTable({ preview, names }: { preview: CsvPreview; names: readonly string[] }) {
  return (
    <div className="csv-preview" data-testid="csv-preview">
      <p className="muted">
        Header: <span data-testid="csv-preview-header">{preview.header.length ? preview.header.join(' | ') : '(none)'}</span> · {preview.columnCount} columns
        {preview.more ? ' · first rows only' : ''}
      </p>
      <div className="csv-preview-scroll">
        <table className="grid-table">
          <thead>
            <tr>
              <th className="num">Line</th>
              <th>Time</th>
              {names.map((n, i) => (
                <th key={i} className="num">
                  {n}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.line} data-testid={`csv-preview-row-${r.line}`}>
                <td className="num">{r.line}</td>
                <td data-testid="csv-preview-time" data-ms={r.timeMs}>
                  {fmtTime(r.timeMs)}
                </td>
                {r.values.map((v, i) => (
                  <td key={i} className="num" data-testid={`csv-preview-value-${i}`}>
                    {v === null ? '—' : String(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.badRows.length > 0 ? (
        <ul className="replay-bad-rows tone-warn" data-testid="csv-preview-bad-rows" aria-label="Rows that will not be replayed">
          {preview.badRows.map((b) => (
            <li key={b.line}>
              line {b.line}: {b.reason}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted" data-testid="csv-preview-no-bad-rows">
          Every previewed row can be replayed.
        </p>
      )}
    </div>
  );
}
