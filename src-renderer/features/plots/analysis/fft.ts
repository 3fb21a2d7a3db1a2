// Spectrum of evenly spaced samples: an in-place radix-2 FFT, the usual tapering windows and a
// single-sided amplitude spectrum (a sine of amplitude A peaks at A, or 20·log10(A) dB).
// Pure functions: the FFT worker runs them off the UI thread and unit tests check them.

export type FftWindow = 'hann' | 'hamming' | 'none';
export type FftScale = 'linear' | 'db';

export { FFT_SIZES } from '@shared/plots/plot-config.js';
export const MAX_FFT_SIZE = 16384;
/** Amplitudes below this read as this in dB (−240 dB), so silence is not −Infinity. */
const DB_FLOOR = 1e-12;

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/** In-place iterative Cooley–Tukey FFT of (re, im); the length must be a power of two. */
export function fftInPlace(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (!isPowerOfTwo(n) || im.length !== n) throw new RangeError(`fft: length ${n} is not a power of two (or re/im differ)`);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i] as number;
      re[i] = re[j] as number;
      re[j] = tr;
      const ti = im[i] as number;
      im[i] = im[j] as number;
      im[j] = ti;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    const half = len >> 1;
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < half; k++) {
        const a = i + k;
        const b = a + half;
        const br = re[b] as number;
        const bi = im[b] as number;
        const xr = br * cr - bi * ci;
        const xi = br * ci + bi * cr;
        re[b] = (re[a] as number) - xr;
        im[b] = (im[a] as number) - xi;
        re[a] = (re[a] as number) + xr;
        im[a] = (im[a] as number) + xi;
        const ncr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = ncr;
      }
    }
  }
}

/** Window coefficients (periodic form, as for spectral analysis). */
export function windowCoefficients(kind: FftWindow, n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.cos((2 * Math.PI * i) / n);
    w[i] = kind === 'hann' ? 0.5 - 0.5 * c : kind === 'hamming' ? 0.54 - 0.46 * c : 1;
  }
  return w;
}

export interface Spectrum {
  /** Hz per bin k (k · fs / n), for k = 0 … n/2. */
  freq: Float64Array;
  /** Amplitude (linear) or dB per bin. */
  value: Float64Array;
}

/**
 * Single-sided amplitude spectrum of `samples` taken every `dtSec`. The mean is removed first so
 * the DC bin does not dwarf everything on a linear scale. Amplitude is corrected for the window's
 * coherent gain: a full-scale sine on a bin reads as its amplitude.
 */
export function amplitudeSpectrum(samples: Float64Array, dtSec: number, kind: FftWindow, scale: FftScale): Spectrum {
  const n = samples.length;
  if (!isPowerOfTwo(n)) throw new RangeError(`fft: ${n} samples is not a power of two`);
  if (!(dtSec > 0)) throw new RangeError(`fft: sample spacing ${dtSec} s must be positive`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += samples[i] as number;
  mean /= n;
  const w = windowCoefficients(kind, n);
  let gain = 0;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const wi = w[i] as number;
    gain += wi;
    re[i] = ((samples[i] as number) - mean) * wi;
  }
  fftInPlace(re, im);
  const bins = n / 2 + 1;
  const freq = new Float64Array(bins);
  const value = new Float64Array(bins);
  const fs = 1 / dtSec;
  for (let k = 0; k < bins; k++) {
    freq[k] = (k * fs) / n;
    const mag = Math.hypot(re[k] as number, im[k] as number);
    // DC and Nyquist have no mirror image: no factor 2.
    const amp = ((k === 0 || k === n / 2 ? 1 : 2) * mag) / gain;
    value[k] = scale === 'db' ? 20 * Math.log10(Math.max(amp, DB_FLOOR)) : amp;
  }
  return { freq, value };
}

/** Index of the largest value from bin `from` on (skips DC by default). */
export function peakBin(values: ArrayLike<number>, from = 1): number {
  let best = from;
  for (let k = from + 1; k < values.length; k++) if ((values[k] as number) > (values[best] as number)) best = k;
  return best;
}
