// The parser-script editor: line numbers, the script compiled in the engine's sandbox as it is
// typed (a syntax error is marked at its line before anything is applied), and a pasted sample
// frame tried with the whole format (framing, checksum, script) showing the parsed values.
import { useEffect, useRef, useState } from 'react';
import { useController, useFormContext, useFormState, useWatch } from 'react-hook-form';
import { describeCompileError, type ScriptCompileError, type ScriptTryResult } from '@shared/domain/script-try-result.js';
import type { ScriptTryInput } from '@shared/domain/script-try.js';
import type { DeviceFormValues } from './deviceForm';
import { formatInput } from './formatForm';
import { useDeviceActions } from './useDevice';
import { FieldError } from '../../ui/forms/Fields';

/** Typing pauses this long before the script is compiled. */
const CHECK_DELAY_MS = 350;

/** The line an engine refusal names ("format.source: line 3, column 4: …"). */
function lineOf(message: string | undefined): number | undefined {
  const m = message ? /\bline (\d+)\b/.exec(message) : null;
  return m ? Number(m[1]) : undefined;
}

function useCompileCheck(source: string): ScriptCompileError | null {
  const { tryParserScript } = useDeviceActions();
  const [error, setError] = useState<ScriptCompileError | null>(null);
  useEffect(() => {
    if (!source.trim()) {
      setError(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void tryParserScript({ format: { kind: 'script', source } }).then((r) => {
        if (live) setError(r.ok ? (r.value.compileError ?? null) : null);
      });
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [source, tryParserScript]);
  return error;
}

/** parse(frame) source: a syntax error shows at its line while typing and refuses Apply. */
export function ScriptEditor() {
  const { field } = useController<DeviceFormValues, 'format.scriptSource'>({ name: 'format.scriptSource' });
  const { errors, isSubmitting } = useFormState<DeviceFormValues>({ name: 'format' });
  const { clearErrors } = useFormContext<DeviceFormValues>();
  const refused = (errors.format as { source?: { message?: string } } | undefined)?.source;
  const compileError = useCompileCheck(field.value);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = field.value.split('\n').length;
  const errorLine = compileError?.line ?? lineOf(refused?.message);
  const invalid = refused !== undefined || compileError !== null;
  return (
    <div className="script-editor">
      <label htmlFor="format-script-source">Parser script — function parse(frame) returns numbers or {'{ name: number }'}</label>
      <div className="script-code">
        <div className="script-gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lines }, (_, i) => (
            <div
              key={i}
              data-testid={`script-line-${i + 1}`}
              className={errorLine === i + 1 ? 'script-line-error' : undefined}
              title={errorLine === i + 1 && compileError ? describeCompileError(compileError) : undefined}
            >
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          id="format-script-source"
          data-testid="format-script-source"
          className={invalid ? 'invalid' : undefined}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={compileError ? 'script-compile-error' : undefined}
          spellCheck={false}
          wrap="off"
          rows={Math.min(24, Math.max(8, lines + 1))}
          ref={field.ref}
          value={field.value}
          disabled={isSubmitting}
          onBlur={field.onBlur}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onChange={(e) => {
            field.onChange(e.target.value);
            if (refused) clearErrors('format.source' as never);
          }}
        />
      </div>
      {compileError ? (
        <div className="field-error" id="script-compile-error" role="alert" data-testid="script-compile-error" data-line={compileError.line ?? ''}>
          {compileError.line === undefined ? compileError.message : `Line ${compileError.line}${compileError.column === undefined ? '' : `, column ${compileError.column}`}: ${compileError.message}`}
        </div>
      ) : null}
      <FieldError field="format.source" />
      <ScriptTryPanel disabled={compileError !== null} />
      <p className="muted">
        Runs sandboxed in the worker pool (QuickJS): no Node, files, network or timers. A frame that throws, returns another shape or runs too long is counted under Script
        errors, with its message.
      </p>
    </div>
  );
}

function ScriptTryPanel({ disabled }: { disabled: boolean }) {
  const { tryParserScript } = useDeviceActions();
  const format = useWatch<DeviceFormValues, 'format'>({ name: 'format' });
  const [sample, setSample] = useState('');
  const [result, setResult] = useState<ScriptTryResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = formatInput(format);
  const text = input.kind === 'script' && (input.framing ?? 'line') === 'line';
  const run = async () => {
    if (input.kind !== 'script') return;
    setBusy(true);
    // A pasted line without its line end is still one frame.
    const req: ScriptTryInput = { format: input, sample: text ? { text: /\n$/.test(sample) ? sample : `${sample}\n` } : { hex: sample } };
    const r = await tryParserScript(req);
    setBusy(false);
    setResult(r.ok ? r.value : null);
    setProblem(r.ok ? null : r.error.message);
  };
  return (
    <div className="script-try">
      <label htmlFor="script-sample">{text ? 'Sample frame (lines of text)' : 'Sample frame (hex bytes, whole frames as on the wire)'}</label>
      <textarea id="script-sample" data-testid="script-sample" rows={2} spellCheck={false} value={sample} onChange={(e) => setSample(e.target.value)} />
      <button type="button" data-testid="script-try" disabled={disabled || busy || !sample.trim()} onClick={() => void run()}>
        Try on the sample
      </button>
      {problem ? (
        <div className="field-error" role="alert" data-testid="script-try-problem">
          {problem}
        </div>
      ) : null}
      {result ? <TryResult result={result} /> : null}
    </div>
  );
}

function TryResult({ result }: { result: ScriptTryResult }) {
  if (result.compileError) {
    return (
      <div className="field-error" role="alert" data-testid="script-try-problem">
        {describeCompileError(result.compileError)}
      </div>
    );
  }
  const refused = result.checksumFailures + result.malformed;
  return (
    <div data-testid="script-try-result">
      <p className="muted" data-testid="script-try-summary">
        {result.frames} frame{result.frames === 1 ? '' : 's'}, {result.rows.length} decoded
        {result.scriptErrors ? `, ${result.scriptErrors} rejected by the script` : ''}
        {refused ? `, ${refused} refused by the framing or checksum` : ''}
      </p>
      {result.lastError ? (
        <div className="field-error" data-testid="script-try-error">
          {result.lastError}
        </div>
      ) : null}
      {result.rows.length > 0 ? (
        <table className="script-try-table">
          <thead>
            <tr>
              {result.names.map((n) => (
                <th key={n}>{n}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row, f) => (
              <tr key={f}>
                {row.map((v, c) => (
                  <td key={c} data-testid={`script-try-value-${f}-${result.names[c] ?? c}`}>
                    {v === null ? '—' : String(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
