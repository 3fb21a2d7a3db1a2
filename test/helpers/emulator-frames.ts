// What the device emulator sends: shared by the emulator process and the tests that check it.

export interface EmulatorOptions {
  mode: 'serial' | 'tcp' | 'udp';
  /** serial: the pty end to open. */
  path?: string;
  /** udp: where to send datagrams. */
  udpPort?: number;
  channels: number;
  /** Frames per second (0 = as fast as the sink accepts). */
  rateHz: number;
  /** Total frames to write (0 = until killed). */
  frames: number;
  /** udp: frames per datagram. */
  framesPerDatagram?: number;
  /** Frames per write in flood mode. */
  chunkFrames?: number;
}

/** The exact value channel c (0-based) carries in frame seq: binary-exact decimals. */
export function emulatorValue(seq: number, c: number): number {
  return (seq % 4096) * 0.25 + c * 100 - 50;
}

export function emulatorFrame(seq: number, channels: number): string {
  let s = String(seq);
  for (let c = 0; c < channels; c++) s += ',' + String(emulatorValue(seq, c));
  return s + '\n';
}


/** Parses emulator frames out of text; returns [seq, values[]] per frame line (other lines are skipped). */
export function parseEmulatorLines(text: string): { seq: number; values: number[] }[] {
  const out: { seq: number; values: number[] }[] = [];
  for (const line of text.split('\n')) {
    if (!/^\d+,/.test(line)) continue;
    const [seq, ...values] = line.split(',').map(Number);
    out.push({ seq: seq ?? -1, values });
  }
  return out;
}
