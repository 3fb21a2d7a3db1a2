// A plot's settings by mode: Y axes (unit, auto or fixed range), FFT, trigger and XY. Every edit
// goes through the plot store, which validates the whole config and names the field it refused.
import { FFT_SIZES } from './analysis/fft';
import { NumberInput } from './NumberInput';
import { MAX_AXES, type PlotConfig } from '@shared/plots/plot-config.js';
import { useInstruments } from './useInstruments';

interface Props {
  config: PlotConfig;
  names: string[];
  /** Buffered min/max of a channel, for refusing trigger levels it never reaches. */
  rangeOf(name: string): [number, number] | null;
}

export function PlotSettings({ config, names, rangeOf }: Props) {
  const { plots } = useInstruments();
  const id = config.id;
  const update = (patch: Partial<PlotConfig>): boolean => plots.actions.update(id, patch);
  const fail = (field: string) => (text: string) => plots.actions.reportError(id, `${field}: "${text}" is not a number`);
  const tr = config.trigger;

  const setLevel = (level: number): void => {
    const range = tr.channel ? rangeOf(tr.channel) : null;
    if (range && (level < range[0] || level > range[1])) {
      plots.actions.reportError(id, `trigger.level: ${level} is outside ${tr.channel}'s range (${+range[0].toPrecision(4)} … ${+range[1].toPrecision(4)})`);
      return;
    }
    update({ trigger: { ...tr, level } });
  };

  return (
    <div className="plot-settings" data-testid={`plot-settings-${id}`}>
      {config.mode === 'time' || config.mode === 'trigger' ? (
        <fieldset>
          <legend>Y axes</legend>
          {config.axes.map((a, k) => (
            <div className="plot-settings-row" key={k}>
              <span>Y{k + 1}</span>
              <label className="field-inline">
                Unit
                <input type="text" style={{ width: 60 }} value={a.unit} data-testid={`axis-unit-${k}`} onChange={(e) => update({ axes: config.axes.map((x, j) => (j === k ? { ...x, unit: e.target.value } : x)) })} />
              </label>
              <label className="field-inline">
                <input type="checkbox" checked={a.auto} data-testid={`axis-auto-${k}`} onChange={(e) => update({ axes: config.axes.map((x, j) => (j === k ? { ...x, auto: e.target.checked } : x)) })} />
                Auto
              </label>
              {a.auto ? null : (
                <>
                  <NumberInput label="Min" testId={`axis-min-${k}`} value={a.min} onInvalid={fail(`axes.${k}.min`)} onCommit={(min) => update({ axes: config.axes.map((x, j) => (j === k ? { ...x, min } : x)) })} />
                  <NumberInput label="Max" testId={`axis-max-${k}`} value={a.max} onInvalid={fail(`axes.${k}.max`)} onCommit={(max) => update({ axes: config.axes.map((x, j) => (j === k ? { ...x, max } : x)) })} />
                </>
              )}
              {k > 0 && k === config.axes.length - 1 && !config.series.some((s) => s.axis === k) ? (
                <button type="button" className="link-button" onClick={() => update({ axes: config.axes.slice(0, k) })}>
                  Remove
                </button>
              ) : null}
            </div>
          ))}
          {config.axes.length < MAX_AXES ? (
            <button type="button" data-testid="axis-add" onClick={() => update({ axes: [...config.axes, { unit: '', auto: true, min: -1, max: 1 }] })}>
              Add Y axis
            </button>
          ) : null}
        </fieldset>
      ) : null}
      {config.mode === 'fft' ? (
        <fieldset>
          <legend>Spectrum</legend>
          <label className="field-inline">
            Points
            <select data-testid="fft-size" value={config.fft.size} onChange={(e) => update({ fft: { ...config.fft, size: Number(e.target.value) as PlotConfig['fft']['size'] } })}>
              {FFT_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            Window
            <select data-testid="fft-window" value={config.fft.window} onChange={(e) => update({ fft: { ...config.fft, window: e.target.value as PlotConfig['fft']['window'] } })}>
              <option value="hann">Hann</option>
              <option value="hamming">Hamming</option>
              <option value="none">None</option>
            </select>
          </label>
          <label className="field-inline">
            Scale
            <select data-testid="fft-scale" value={config.fft.scale} onChange={(e) => update({ fft: { ...config.fft, scale: e.target.value as PlotConfig['fft']['scale'] } })}>
              <option value="db">dB</option>
              <option value="linear">Linear</option>
            </select>
          </label>
        </fieldset>
      ) : null}
      {config.mode === 'trigger' ? (
        <fieldset>
          <legend>Trigger</legend>
          <label className="field-inline">
            Source
            <select data-testid="trigger-channel" value={tr.channel ?? ''} onChange={(e) => update({ trigger: { ...tr, channel: e.target.value } })}>
              {names.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <NumberInput label="Level" testId="trigger-level" value={tr.level} onInvalid={fail('trigger.level')} onCommit={setLevel} />
          <label className="field-inline">
            Edge
            <select data-testid="trigger-edge" value={tr.edge} onChange={(e) => update({ trigger: { ...tr, edge: e.target.value as PlotConfig['trigger']['edge'] } })}>
              <option value="rising">Rising</option>
              <option value="falling">Falling</option>
            </select>
          </label>
          <NumberInput label="Pre-trigger %" testId="trigger-pre" value={tr.prePct} onInvalid={fail('trigger.prePct')} onCommit={(prePct) => update({ trigger: { ...tr, prePct } })} width={50} />
          <label className="field-inline">
            Mode
            <select data-testid="trigger-mode" value={tr.mode} onChange={(e) => update({ trigger: { ...tr, mode: e.target.value as PlotConfig['trigger']['mode'] } })}>
              <option value="auto">Auto</option>
              <option value="normal">Normal</option>
              <option value="single">Single</option>
            </select>
          </label>
          <NumberInput label="Holdoff ms" testId="trigger-holdoff" value={tr.holdoffMs} onInvalid={fail('trigger.holdoffMs')} onCommit={(holdoffMs) => update({ trigger: { ...tr, holdoffMs } })} />
        </fieldset>
      ) : null}
      {config.mode === 'xy' ? (
        <fieldset>
          <legend>XY</legend>
          {(['x', 'y'] as const).map((axis) => (
            <label className="field-inline" key={axis}>
              {axis.toUpperCase()}
              <select data-testid={`xy-${axis}`} value={config.xy[axis] ?? ''} onChange={(e) => update({ xy: { ...config.xy, [axis]: e.target.value } })}>
                {names.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <NumberInput label="Trail points" testId="xy-trail" value={config.xy.trail} onInvalid={fail('xy.trail')} onCommit={(trail) => update({ xy: { ...config.xy, trail } })} />
        </fieldset>
      ) : null}
    </div>
  );
}
