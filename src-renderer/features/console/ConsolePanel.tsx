// Raw link console: received bytes as text or hex (bounded history, pause, search),
// and a send box with encoding, line ending and command history (up/down arrows).
import { memo, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LINE_ENDINGS, SendToDeviceSchema, type SendToDeviceInput } from '@shared/domain/link.js';
import { browse, EMPTY_HISTORY, remember } from './commandHistory';
import { asHex, asText, searchConsole, type ConsoleLog, type ConsoleRecord } from './consoleLog';
import { useConsole, useConsoleActions } from './useConsole';
import { MessageError } from '../../ui/forms/MessageError';

/** Rows rendered at once; the store keeps a longer history for search. */
const MAX_VISIBLE = 200;
const LINE_ENDING_LABELS: Record<(typeof LINE_ENDINGS)[number], string> = { none: 'No line ending', lf: 'LF (\\n)', cr: 'CR (\\r)', crlf: 'CR+LF' };

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** HH:MM:SS.mmm local time (no Intl: this runs for every new row). */
function timeOf(t: number): string {
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A row never changes once written, so only new rows render (the log updates up to 30 times a second). */
const ConsoleRow = memo(function ConsoleRow({ record, mode }: { record: ConsoleRecord; mode: 'text' | 'hex' }) {
  return (
    <div className={`console-row console-${record.dir}`} data-dir={record.dir}>
      <span className="console-time">{timeOf(record.t)}</span>
      <span className="console-dir">{record.dir === 'rx' ? '◀' : '▶'}</span>
      <span className="console-data">{mode === 'hex' ? asHex(record.bytes) : asText(record.bytes)}</span>
    </div>
  );
});

export function ConsolePanel() {
  const live = useConsole((s) => s.consoleLog);
  const source = useConsole((s) => s.device?.source ?? 'simulated');
  const link = useConsole((s) => s.device?.link ?? 'disconnected');
  const { sendToDevice, clearConsole } = useConsoleActions();
  const [mode, setMode] = useState<'text' | 'hex'>('text');
  const [frozen, setFrozen] = useState<ConsoleLog | null>(null);
  const [query, setQuery] = useState('');
  const [data, setData] = useState('');
  const [encoding, setEncoding] = useState<'text' | 'hex'>('text');
  const [lineEnding, setLineEnding] = useState<(typeof LINE_ENDINGS)[number]>('lf');
  const [history, setHistory] = useState(EMPTY_HISTORY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const logRef = useRef<HTMLDivElement>(null);

  const log = frozen ?? live;
  const render = mode === 'hex' ? asHex : asText;
  const { rows, matches } = useMemo(() => searchConsole(log, query, render, MAX_VISIBLE), [log, query, render]);
  const newWhilePaused = frozen ? live.nextId - frozen.nextId : 0;

  // Follow the newest line unless paused.
  useEffect(() => {
    const el = logRef.current;
    if (el && !frozen) el.scrollTop = el.scrollHeight;
  }, [rows, frozen]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (sending) return;
    const req: SendToDeviceInput = { data, encoding, lineEnding };
    const checked = SendToDeviceSchema.safeParse(req);
    if (!checked.success) {
      setErrors(Object.fromEntries(checked.error.issues.map((i) => [String(i.path[0] ?? 'data'), i.message])));
      return;
    }
    setSending(true);
    const result = await sendToDevice(req);
    setSending(false);
    if (result.ok) {
      setHistory((h) => remember(h, data));
      setData('');
      setErrors({});
    } else {
      setErrors({ data: result.error.message });
    }
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const r = browse(history, e.key === 'ArrowUp' ? -1 : 1, data);
    setHistory(r.history);
    setData(r.text);
  };

  // The simulated instrument takes commands too (it answers OK, or an error under the error-replies fault).
  const canSend = link === 'connected';

  return (
    <div className="console" data-testid="console-panel">
      <div className="console-toolbar">
        <select aria-label="Show received data as" data-testid="console-mode" value={mode} onChange={(e) => setMode(e.target.value as 'text' | 'hex')}>
          <option value="text">Text</option>
          <option value="hex">Hex</option>
        </select>
        <button
          type="button"
          className={frozen ? 'btn btn-toggle on' : 'btn btn-toggle'}
          aria-pressed={frozen !== null}
          data-testid="console-pause"
          title="Freeze the view; data keeps arriving"
          onClick={() => setFrozen(frozen ? null : live)}
        >
          {frozen ? 'Resume' : 'Pause'}
        </button>
        <input type="search" className="console-search" placeholder="Search…" aria-label="Search the console" data-testid="console-search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="button" className="btn" data-testid="console-clear" onClick={() => clearConsole()}>
          Clear
        </button>
        <span className="spacer" />
        <span className="muted console-counts" data-testid="console-counts">
          {frozen ? `paused, ${newWhilePaused} new · ` : ''}
          {query ? `${matches} matches${matches > rows.length ? ` (newest ${rows.length} shown)` : ''} · ` : ''}
          {log.records.length} lines{log.skippedBytes > 0 ? ` · ${log.skippedBytes} bytes not shown (rate limit)` : ''}
        </span>
      </div>
      <div className="console-log" role="log" aria-live="off" tabIndex={0} ref={logRef} data-testid="console-log">
        {rows.length === 0 ? <div className="muted console-empty">{source === 'simulated' ? 'The simulated instrument answers commands here (its data stream is not echoed).' : 'Nothing received yet.'}</div> : null}
        {rows.map((r) => (
          <ConsoleRow key={r.id} record={r} mode={mode} />
        ))}
      </div>
      <form className="console-send" onSubmit={(e) => void send(e)} noValidate>
        <div className="console-send-row">
          <input
            type="text"
            className={errors.data ? 'console-input invalid' : 'console-input'}
            placeholder={encoding === 'hex' ? 'Hex bytes, e.g. 01 a0 ff' : 'Command to send (↑/↓ history)'}
            aria-label="Data to send"
            aria-invalid={errors.data ? true : undefined}
            spellCheck={false}
            data-testid="console-input"
            value={data}
            onKeyDown={onKey}
            onChange={(e) => {
              setData(e.target.value);
              if (errors.data) setErrors({});
            }}
          />
          <select aria-label="Encoding" data-testid="console-encoding" value={encoding} onChange={(e) => setEncoding(e.target.value as 'text' | 'hex')}>
            <option value="text">Text</option>
            <option value="hex">Hex</option>
          </select>
          <select aria-label="Line ending" data-testid="console-line-ending" value={lineEnding} onChange={(e) => setLineEnding(e.target.value as (typeof LINE_ENDINGS)[number])}>
            {LINE_ENDINGS.map((le) => (
              <option key={le} value={le}>
                {LINE_ENDING_LABELS[le]}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-primary" data-testid="console-send" disabled={sending || !canSend} title={canSend ? 'Send (Enter)' : 'Connect the device to send'}>
            Send
          </button>
        </div>
        <MessageError field="data" errors={errors} />
      </form>
    </div>
  );
}
