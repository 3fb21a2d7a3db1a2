// One FFT request as the worker runs it: resample each channel's tail evenly, then its spectrum.
// Kept apart from the worker entry so unit tests run it without a Worker.
import { amplitudeSpectrum, type FftScale, type FftWindow } from './fft';
import { medianSpacing, resampleTail } from './resample';

export interface SpectrumRequest {
  id: number;
  /** Seconds, ascending. */
  t: Float64Array;
  ys: Float64Array[];
  size: number;
  window: FftWindow;
  scale: FftScale;
}

export interface SpectrumResult {
  id: number;
  /** Hz per bin (shared by all channels); empty with a message. */
  freq: Float64Array;
  values: Float64Array[];
  binHz: number;
  /** Why nothing was computed (too little data), else null. */
  message: string | null;
}

export function runSpectrum(req: SpectrumRequest): SpectrumResult {
  const dt = medianSpacing(req.t);
  const none = (message: string): SpectrumResult => ({ id: req.id, freq: new Float64Array(0), values: [], binHz: Number.NaN, message });
  if (Number.isNaN(dt)) return none('No data yet');
  const needSec = (req.size - 1) * dt;
  const haveSec = req.t.length > 1 ? (req.t[req.t.length - 1] as number) - (req.t[0] as number) : 0;
  const values: Float64Array[] = [];
  let freq: Float64Array = new Float64Array(0);
  for (const y of req.ys) {
    const uniform = resampleTail(req.t, y, req.size, dt);
    if (!uniform) return none(`FFT window of ${req.size} points needs ${needSec.toFixed(2)} s of data; ${haveSec.toFixed(2)} s buffered`);
    const s = amplitudeSpectrum(uniform.values, dt, req.window, req.scale);
    freq = s.freq;
    values.push(s.value);
  }
  return { id: req.id, freq, values, binHz: 1 / (req.size * dt), message: null };
}
