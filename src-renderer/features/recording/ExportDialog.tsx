// File › Export…: scope (session, time range, channels), format and CSV options;
// then a progress bar with rows done, rows/s, ETA and Cancel. The browser downloads
// the finished file from the host; Electron asks where to save it.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ExportRequestInput } from '@shared/domain/recording.js';
import { HAS_NATIVE_MENU } from '../../platform/env';
import { useRecording, useRecordingActions } from './RecordingContext';
import { fmtEta, fmtSize } from './format';
import { Dialog } from '../../ui/Dialog';

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const sessions = useRecording((s) => s.sessions);
  const preselected = useRecording((s) => s.exportSessionId);
  const activeId = useRecording((s) => s.activeExportId);
  const exports = useRecording((s) => s.exports);
  const actions = useRecordingActions();
  const [sessionId, setSessionId] = useState<number | null>(preselected ?? sessions[0]?.id ?? null);
  const session = sessions.find((s) => s.id === sessionId);
  const [format, setFormat] = useState<'csv' | 'parquet'>('csv');
  const [ranged, setRanged] = useState(false);
  const [fromSec, setFromSec] = useState('0');
  const [toSec, setToSec] = useState('');
  const [picked, setPicked] = useState<number[] | null>(null);
  const [delimiter, setDelimiter] = useState<'comma' | 'semicolon' | 'tab'>('comma');
  const [decimal, setDecimal] = useState<'point' | 'comma'>('point');
  const [bom, setBom] = useState(true);
  const [eventsSidecar, setEventsSidecar] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [startedId, setStartedId] = useState<string | null>(null);
  const downloaded = useRef<string | null>(null);
  const progress = useMemo(() => exports.find((e) => e.exportId === (startedId ?? activeId)) ?? null, [exports, startedId, activeId]);
  const channels = picked ?? session?.channels.map((c) => c.index) ?? [];

  useEffect(() => {
    if (sessionId === null && sessions[0]) setSessionId(sessions[0].id);
  }, [sessions, sessionId]);

  // The browser saves the finished file through an ordinary download from the host.
  useEffect(() => {
    if (HAS_NATIVE_MENU || !progress || progress.state !== 'done' || !progress.downloadUrl) return;
    if (downloaded.current === progress.exportId) return;
    downloaded.current = progress.exportId;
    const a = document.createElement('a');
    a.href = progress.downloadUrl;
    a.download = progress.fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, [progress]);

  const running = progress?.state === 'running';
  const pct = progress && progress.rowsTotal > 0 ? Math.min(100, Math.round((progress.rowsDone / progress.rowsTotal) * 100)) : progress?.state === 'done' ? 100 : 0;

  const start = async (): Promise<void> => {
    if (!session) return setError('Choose a session to export');
    const req: ExportRequestInput = { sessionId: session.id, format, channels, delimiter, decimal, bom, eventsSidecar };
    if (channels.length === 0) return setError('Choose at least one channel');
    if (ranged) {
      const from = Number(fromSec);
      const to = toSec.trim() === '' ? Number.NaN : Number(toSec);
      if (!Number.isFinite(from) || from < 0) return setError('From: enter seconds since the session start (0 or more)');
      req.fromMs = session.startedAt + from * 1000;
      if (Number.isFinite(to)) {
        if (to < from) return setError('To must not be before From');
        req.toMs = session.startedAt + to * 1000;
      }
    }
    const r = await actions.startExport(req);
    if (r.ok) {
      setError(null);
      setStartedId(r.value.exportId);
    } else setError(r.error.message);
  };

  return (
    <Dialog title="Export" onClose={onClose} testId="export-dialog">
      <div className="form-grid export-form">
        <label htmlFor="exp-session">Session</label>
        <select id="exp-session" data-testid="export-session" value={sessionId ?? ''} onChange={(e) => { setSessionId(Number(e.target.value)); setPicked(null); }}>
          {sessions.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.frames.toLocaleString()} frames)
            </option>
          ))}
        </select>
        <label>Range</label>
        <span className="field-inline">
          <input type="checkbox" id="exp-ranged" data-testid="export-ranged" checked={ranged} onChange={(e) => setRanged(e.target.checked)} />
          <label htmlFor="exp-ranged">time range (s since start)</label>
          <input type="text" className="input-num" aria-label="From (s)" data-testid="export-from" disabled={!ranged} value={fromSec} onChange={(e) => setFromSec(e.target.value)} />
          –
          <input type="text" className="input-num" aria-label="To (s)" data-testid="export-to" disabled={!ranged} placeholder="end" value={toSec} onChange={(e) => setToSec(e.target.value)} />
        </span>
        <label>Channels</label>
        <span className="export-channels">
          {session?.channels.map((c) => (
            <label key={c.index} className="field-inline">
              <input
                type="checkbox"
                data-testid={`export-channel-${c.index}`}
                checked={channels.includes(c.index)}
                onChange={(e) => setPicked(e.target.checked ? [...channels, c.index].sort((a, b) => a - b) : channels.filter((x) => x !== c.index))}
              />
              {c.unit ? `${c.name} [${c.unit}]` : c.name}
            </label>
          ))}
        </span>
        <label htmlFor="exp-format">Format</label>
        <select id="exp-format" data-testid="export-format" value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'parquet')}>
          <option value="csv">CSV (Excel, pandas)</option>
          <option value="parquet">Parquet</option>
        </select>
        {format === 'csv' ? (
          <>
            <label htmlFor="exp-delim">Delimiter</label>
            <select id="exp-delim" data-testid="export-delimiter" value={delimiter} onChange={(e) => setDelimiter(e.target.value as 'comma' | 'semicolon' | 'tab')}>
              <option value="comma">comma ,</option>
              <option value="semicolon">semicolon ;</option>
              <option value="tab">tab</option>
            </select>
            <label htmlFor="exp-decimal">Decimal</label>
            <select id="exp-decimal" data-testid="export-decimal" value={decimal} onChange={(e) => setDecimal(e.target.value as 'point' | 'comma')}>
              <option value="point">point 1.5</option>
              <option value="comma">comma 1,5</option>
            </select>
            <label>Options</label>
            <span className="field-inline">
              <input type="checkbox" id="exp-bom" checked={bom} onChange={(e) => setBom(e.target.checked)} />
              <label htmlFor="exp-bom">UTF-8 BOM (Excel)</label>
              <input type="checkbox" id="exp-events" checked={eventsSidecar} onChange={(e) => setEventsSidecar(e.target.checked)} />
              <label htmlFor="exp-events">events as a sidecar CSV</label>
            </span>
          </>
        ) : null}
      </div>
      {error || progress?.error ? (
        <div className="field-error" data-testid="export-error">
          {error ?? progress?.error}
        </div>
      ) : null}
      <div className="export-progress-row">
        <div className="meter" role="progressbar" aria-label="Export progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="export-progress" data-state={progress?.state ?? 'idle'}>
          <div className="meter-fill" style={{ width: `${pct}%` }} />
          <span className="meter-text" data-testid="export-percent">
            {pct}%
          </span>
        </div>
        <div className="small muted" data-testid="export-stats">
          {progress
            ? `${progress.rowsDone.toLocaleString()} / ${progress.rowsTotal.toLocaleString()} rows · ${progress.rowsPerSec.toLocaleString()} rows/s · ETA ${fmtEta(progress.etaSec)}${progress.state === 'done' ? ` · ${fmtSize(progress.bytes)}` : ''} · ${progress.state}`
            : 'Not started'}
        </div>
        {progress?.state === 'done' && progress.downloadUrl && !HAS_NATIVE_MENU ? (
          <a href={progress.downloadUrl} download={progress.fileName} data-testid="export-download">
            Download {progress.fileName} again
          </a>
        ) : null}
        {progress?.state === 'done' && progress.eventsUrl && !HAS_NATIVE_MENU ? (
          <a href={progress.eventsUrl} download={progress.fileName.replace(/\.csv$/, '') + '.events.csv'} data-testid="export-download-events">
            Download the events sidecar
          </a>
        ) : null}
        {progress?.state === 'done' && HAS_NATIVE_MENU ? <span className="small">Saved where you chose in the save dialog.</span> : null}
      </div>
      <div className="button-row button-row-end">
        {running && progress ? (
          <button type="button" className="btn btn-danger" data-testid="export-cancel" onClick={() => void actions.cancelExport(progress.exportId)}>
            Cancel
          </button>
        ) : (
          <button type="button" className="btn btn-primary" data-testid="export-start" disabled={!session} onClick={() => void start()}>
            Export
          </button>
        )}
      </div>
    </Dialog>
  );
}
