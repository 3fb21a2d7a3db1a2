// The page's one FFT worker, shared by all FFT panels; each request is answered by id.
import type { SpectrumRequest, SpectrumResult } from './spectrumJob';

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (r: SpectrumResult) => void>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./fftWorker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<SpectrumResult>) => {
    const done = waiting.get(e.data.id);
    waiting.delete(e.data.id);
    done?.(e.data);
  };
  return worker;
}

/** Computes the spectra in the worker; the request's arrays are transferred (do not reuse them). */
export function computeSpectrum(req: Omit<SpectrumRequest, 'id'>): Promise<SpectrumResult> {
  const id = nextId++;
  const w = getWorker();
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    w.postMessage({ ...req, id }, [req.t.buffer, ...req.ys.map((y) => y.buffer)]);
  });
}
