// Realistic per-channel waveforms for the simulated instrument, as a function
// of device time so output is reproducible from the sequence number.
import type { ChannelSignal } from '@shared/domain/device.js';

export type SignalFn = (timeSec: number) => number;

export function makeSignal(signal: ChannelSignal, random: () => number = Math.random): SignalFn {
  const { amplitude: a, offset, periodSec } = signal;
  switch (signal.shape) {
    case 'sine':
      return (t) => offset + a * Math.sin((2 * Math.PI * t) / periodSec);
    case 'ramp':
      return (t) => offset + a * (2 * ((t / periodSec) % 1) - 1);
    case 'square':
      return (t) => offset + ((t / periodSec) % 1 < 0.5 ? a : -a);
    case 'noise':
      // Sum of uniforms ≈ Gaussian, without the cost of Box-Muller.
      return () => offset + a * ((random() + random() + random() + random() - 2) * 0.866);
    case 'random-walk': {
      let x = 0;
      return () => {
        // Mean-reverting so a long session stays on scale.
        x = x * 0.999 + (random() - 0.5) * 0.1 * a;
        return offset + x;
      };
    }
  }
}
