import { describe, expect, it } from 'vitest';
import { amplitudeSpectrum, fftInPlace, peakBin, windowCoefficients } from '../../../../src-renderer/features/plots/analysis/fft';

/** The textbook O(n²) DFT the FFT must agree with. */
function referenceDft(x: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = x.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const a = (-2 * Math.PI * k * i) / n;
      re[k] = (re[k] as number) + (x[i] as number) * Math.cos(a);
      im[k] = (im[k] as number) + (x[i] as number) * Math.sin(a);
    }
  }
  return { re, im };
}

/** Deterministic pseudo-random samples (no flaky seeds). */
function noise(n: number, seed = 7): Float64Array {
  const out = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out[i] = s / 2147483648 - 0.5;
  }
  return out;
}

describe('fft', () => {
  it.each([1, 2, 8, 64, 256])('matches the reference DFT for %i points of noise', (n) => {
    const x = noise(n, n);
    const ref = referenceDft(x);
    const re = x.slice();
    const im = new Float64Array(n);
    fftInPlace(re, im);
    for (let k = 0; k < n; k++) {
      expect(re[k]).toBeCloseTo(ref.re[k] as number, 9);
      expect(im[k]).toBeCloseTo(ref.im[k] as number, 9);
    }
  });

  it('refuses a length that is not a power of two', () => {
    expect(() => fftInPlace(new Float64Array(12), new Float64Array(12))).toThrow(/12 is not a power of two/);
  });

  it('Hann and Hamming windows have their textbook end and middle values', () => {
    const hann = windowCoefficients('hann', 8);
    expect(hann[0]).toBe(0);
    expect(hann[4]).toBeCloseTo(1, 12);
    const hamming = windowCoefficients('hamming', 8);
    expect(hamming[0]).toBeCloseTo(0.08, 12);
    expect(hamming[4]).toBeCloseTo(1, 12);
    expect([...windowCoefficients('none', 4)]).toEqual([1, 1, 1, 1]);
  });

  it('a 50 Hz sine of amplitude 3 sampled at 1024 Hz peaks at 50 Hz with amplitude 3 (on-bin, no window)', () => {
    const n = 1024;
    const fs = 1024; // 1 Hz bins: 50 Hz falls exactly on bin 50
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = 2 + 3 * Math.sin((2 * Math.PI * 50 * i) / fs);
    const s = amplitudeSpectrum(x, 1 / fs, 'none', 'linear');
    const k = peakBin(s.value);
    expect(k).toBe(50);
    expect(s.freq[k]).toBeCloseTo(50, 9);
    expect(s.value[k]).toBeCloseTo(3, 9);
    // The offset is removed: DC reads 0.
    expect(s.value[0]).toBeCloseTo(0, 9);
  });

  it('with Hann the on-bin amplitude is kept and dB is 20·log10 of it', () => {
    const n = 4096;
    const fs = 4096;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * 100 * i) / fs);
    const lin = amplitudeSpectrum(x, 1 / fs, 'hann', 'linear');
    const db = amplitudeSpectrum(x, 1 / fs, 'hann', 'db');
    expect(peakBin(lin.value)).toBe(100);
    expect(lin.value[100]).toBeCloseTo(0.5, 9);
    expect(db.value[100]).toBeCloseTo(20 * Math.log10(0.5), 6);
  });

  it('an off-bin frequency peaks within one bin of it', () => {
    const n = 2048;
    const dt = 0.003;
    const f = 7.3;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.sin(2 * Math.PI * f * i * dt);
    const s = amplitudeSpectrum(x, dt, 'hann', 'db');
    const binHz = 1 / (n * dt);
    expect(Math.abs((s.freq[peakBin(s.value)] as number) - f)).toBeLessThanOrEqual(binHz);
  });
});
