// Frame templates (a format to start from, with its sample frame); the parser-script
// editor is ScriptEditor.tsx. Script errors at run time show in the integrity panel.
import { FrameFormatSchema } from '@shared/domain/frame-format.js';
import { FRAME_TEMPLATES } from '@shared/domain/frame-templates.js';
import { useFormContext } from 'react-hook-form';
import { formatValuesFromSettings, type FormatValues } from './formatForm';
import type { DeviceFormValues } from './deviceForm';

/** Picks a template: the whole format is replaced; its sample frame is shown to compare with the console. */
export function FrameTemplatePicker() {
  const { getValues, setValue, clearErrors, formState } = useFormContext<DeviceFormValues>();
  return (
    <>
      <label htmlFor="format-template">Template</label>
      <div>
        <select
          id="format-template"
          data-testid="format-template"
          value=""
          disabled={formState.isSubmitting}
          onChange={(e) => {
            const t = FRAME_TEMPLATES.find((x) => x.id === e.target.value);
            if (!t) return;
            setValue('format', { ...formatValuesFromSettings(FrameFormatSchema.parse(t.format)), channels: getValues('format.channels') }, { shouldDirty: true });
            clearErrors('format');
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
export function TemplateSample({ format }: { format: FormatValues }) {
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
