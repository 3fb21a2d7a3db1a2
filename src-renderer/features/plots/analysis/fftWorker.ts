// The FFT worker: spectra are computed here, off the UI thread. One worker serves every FFT panel.
import { runSpectrum, type SpectrumRequest } from './spectrumJob';

const scope = self as unknown as { onmessage: ((e: MessageEvent<SpectrumRequest>) => void) | null; postMessage(m: unknown, transfer: Transferable[]): void };

scope.onmessage = (e) => {
  const result = runSpectrum(e.data);
  scope.postMessage(result, [result.freq.buffer, ...result.values.map((v) => v.buffer)]);
};
