// Writes emulator frames into the device end of a pty from the test process itself
// (cheaper than a child process when a test unplugs and replugs 100 times).
import { SerialPort } from 'serialport';
import { emulatorFrame } from './emulator-frames.js';

export interface PtyFeeder {
  /** Frames handed to the OS so far. */
  readonly written: number;
  stop(): Promise<void>;
}

/** Writes `perTick` frames every `tickMs`, continuing the sequence from `firstSeq`. */
export async function startPtyFeeder(path: string, opts: { channels: number; perTick: number; tickMs: number; firstSeq?: number }): Promise<PtyFeeder> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  let seq = opts.firstSeq ?? 0;
  let written = 0;
  let stopped = false;
  // An unplug (socat killed) errors the port: the feeder just stops.
  port.on('error', () => {
    stopped = true;
  });
  const timer = setInterval(() => {
    if (stopped || !port.isOpen) return;
    let text = '';
    for (let i = 0; i < opts.perTick; i++) text += emulatorFrame(seq++, opts.channels);
    port.write(Buffer.from(text, 'latin1'), (err) => {
      if (err) stopped = true;
    });
    written += opts.perTick;
  }, opts.tickMs);
  return {
    get written() {
      return written;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await new Promise<void>((resolve) => port.drain(() => resolve()));
      if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    },
  };
}
