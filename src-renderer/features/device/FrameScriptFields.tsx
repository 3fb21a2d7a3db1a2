// Frame templates (a format to start from, with its sample frame) and the parser-script
// editor of the device form. Script errors at run time show in the integrity panel.
import { FrameFormatSchema } from '@shared/domain/frame-format.js';
import { FRAME_TEMPLATES } from '@shared/domain/frame-templates.js';
import { formatDraftFromSettings, type FormatDraft } from './formatDraft';
import { FieldError } from '../../ui/forms/FieldError';

interface Props {
  format: FormatDraft;
  errors: Readonly<Record<string, string>>;
  disabled: boolean;
  onChange: (format: FormatDraft, ...clear: string[]) => void;
}

/** Picks a template: the whole format is replaced; its sample frame is shown to compare with the console. */
export function FrameTemplatePicker({ format, disabled, onChange }: Props) {
  return (
    <>
      <label htmlFor="format-template">Template</label>
      <div>
        <select
          id="format-template"
          data-testid="format-template"
          value=""
          disabled={disabled}
          onChange={(e) => {
            const t = FRAME_TEMPLATES.find((x) => x.id === e.target.value);
            if (t) onChange({ ...formatDraftFromSettings(FrameFormatSchema.parse(t.format)), channels: format.channels }, 'format');
          }}
        >
          <option value="">Start from a template…</option>
          {FRAME_TEMPLATES.map((t) => (
            <option key={t.id} value={t.id} title={t.description}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

/** The sample frame of the template the current format came from (when it matches one). */
export function TemplateSample({ format }: { format: FormatDraft }) {
  const t = FRAME_TEMPLATES.find((x) => x.format.kind === format.kind && (format.kind !== 'script' || ('source' in x.format && x.format.source === format.scriptSource)));
  if (!t || (format.kind !== 'script' && format.kind !== 'sentence')) return null;
  const sample = 'text' in t.sample ? t.sample.text.replace(/\r?\n$/, '') : t.sample.hex;
  return (
    <>
      <span className="muted">Sample</span>
      <code className="format-sample" data-testid="format-sample">
        {sample}
      </code>
    </>
  );
}

/** parse(frame) source; a compile error fails every frame with its line (integrity panel). */
export function ScriptEditor({ format, errors, disabled, onChange }: Props) {
  const lines = format.scriptSource.split('\n').length;
  return (
    <div className="script-editor">
      <label htmlFor="format-script-source">Parser script — function parse(frame) returns numbers or {'{ name: number }'}</label>
      <textarea
        id="format-script-source"
        data-testid="format-script-source"
        className={errors['format.source'] ? 'invalid' : undefined}
        spellCheck={false}
        rows={Math.min(24, Math.max(8, lines + 1))}
        value={format.scriptSource}
        disabled={disabled}
        onChange={(e) => onChange({ ...format, scriptSource: e.target.value }, 'format.source')}
      />
      <FieldError field="format.source" errors={errors} />
      <p className="muted">
        Runs sandboxed in the worker pool (QuickJS): no Node, files, network or timers. A frame that throws, returns another shape or runs too long is counted under Script
        errors, with its message.
      </p>
    </div>
  );
}
