// Starting points for the device panel's frame format: common device framings, each
// with a sample frame to try it on (text, or hex bytes for binary frames) and the values
// that sample decodes to (the templates' unit test checks them exactly).
import type { FrameFormatInput } from './frame-format.js';

export interface FrameTemplate {
  id: string;
  label: string;
  /** One line on what devices send this. */
  description: string;
  format: FrameFormatInput;
  /** A sample frame: text including its line end, or bytes as hex ("AA 55 …"). */
  sample: { text: string } | { hex: string };
  /** What the sample decodes to, by channel name. */
  values: Record<string, number>;
}

const NMEA_SOURCE: FrameFormatInput = {
  kind: 'sentence',
  sentences: [
    {
      type: 'GGA',
      fields: [
        { index: 1, name: 'gga.time', type: 'hms', unit: 's' },
        { index: 2, name: 'lat', type: 'latlon', unit: '°' },
        { index: 4, name: 'lon', type: 'latlon', unit: '°' },
        { index: 6, name: 'fix' },
        { index: 7, name: 'sats' },
        { index: 8, name: 'hdop' },
        { index: 9, name: 'alt', unit: 'm' },
      ],
    },
    { type: 'RMC', fields: [{ index: 7, name: 'speed', unit: 'kn' }, { index: 8, name: 'course', unit: '°' }] },
  ],
};

export const FRAME_TEMPLATES: readonly FrameTemplate[] = [
  {
    id: 'nmea-gga-rmc',
    label: 'NMEA 0183 GPS (GGA + RMC)',
    description: 'GPS receivers: $GPGGA fix data and $GPRMC speed/course, XOR checksum after *.',
    format: NMEA_SOURCE,
    sample: { text: '$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n' },
    values: { 'gga.time': 45319, lat: 48 + 7.038 / 60, lon: 11 + 31 / 60, fix: 1, sats: 8, hdop: 0.9, alt: 545.4 },
  },
  {
    id: 'sync-length-crc16',
    label: 'Binary: sync + length + CRC-16',
    description: 'Firmware packets: AA 55, a length byte, the fields, CRC-16/CCITT-FALSE sent most significant byte first.',
    format: {
      kind: 'binary',
      framing: 'sync-length',
      sync: 'AA55',
      length: { type: 'u8', counts: 'payload' },
      crc: 'crc16-ccitt-false',
      crcEndian: 'be',
      layout: [
        { name: 'seq', type: 'u16' },
        { name: 'temp', type: 'i16', scale: 0.01, unit: '°C' },
        { name: 'pressure', type: 'f32', unit: 'hPa' },
      ],
      seqField: 'seq',
    },
    sample: { hex: 'AA 55 08 07 00 B6 08 00 40 7D 44 E9 1D' },
    values: { temp: 22.3, pressure: 1013 },
  },
  {
    id: 'arduino-kv',
    label: 'Arduino Serial Plotter (name:value)',
    description: 'Serial.print("temp:"); … lines of name:value pairs separated by spaces or commas.',
    format: { kind: 'kv' },
    sample: { text: 'temp:21.5 hum:40.25\n' },
    values: { temp: 21.5, hum: 40.25 },
  },
  {
    id: 'csv-seq',
    label: 'CSV with a sequence number',
    description: 'seq,v1,…,vN per line (the built-in simulator speaks this).',
    format: { kind: 'csv', seqField: true },
    sample: { text: '17,1.25,-0.5,3\n' },
    values: { ch1: 1.25, ch2: -0.5, ch3: 3 },
  },
  {
    id: 'csv-header',
    label: 'CSV with a header line',
    description: 'The first line names the columns; ; separated, CRLF line ends.',
    format: { kind: 'csv', header: true, seqField: false, separator: ';', delimiter: 'crlf' },
    sample: { text: '4.5;6\r\n' },
    values: { ch1: 4.5, ch2: 6 },
  },
  {
    id: 'jsonl',
    label: 'JSON lines',
    description: 'One JSON object per line; nested numbers become dotted names.',
    format: { kind: 'jsonl', seqPath: 'n' },
    sample: { text: '{"n":1,"imu":{"ax":0.5,"ay":-1}}\n' },
    values: { 'imu.ax': 0.5, 'imu.ay': -1 },
  },
  {
    id: 'cobs-crc16',
    label: 'Binary: COBS + CRC-16',
    description: 'COBS-stuffed packets ending in 0x00, fields little-endian, CRC-16/CCITT-FALSE little-endian.',
    format: { kind: 'binary', framing: 'cobs', crc: 'crc16-ccitt-false', layout: [{ name: 'a', type: 'f32' }, { name: 'b', type: 'u16' }] },
    sample: { hex: '01 01 04 C0 3F 2A 03 0D BD 00' },
    values: { a: 1.5, b: 42 },
  },
  {
    id: 'script-csv',
    label: 'Parser script (text)',
    description: 'Any line format: write parse(line) returning numbers or {name: number}.',
    format: {
      kind: 'script',
      framing: 'line',
      source: "// line: one line of text, without its line end.\nfunction parse(line) {\n  const [name, value] = line.split('=');\n  return { [name.trim()]: Number(value) };\n}\n",
    },
    sample: { text: 'rpm = 1200\n' },
    values: { rpm: 1200 },
  },
  {
    id: 'script-binary',
    label: 'Parser script (binary, sync + length)',
    description: 'Variable packets: parse(bytes) gets the checked payload as a Uint8Array.',
    format: {
      kind: 'script',
      framing: 'sync-length',
      sync: 'AA55',
      length: { type: 'u8' },
      crc: 'xor8',
      source:
        '// bytes: the payload (after sync and length, checksum already checked).\nfunction parse(bytes) {\n  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);\n  return { type: bytes[0], value: view.getInt16(1, true) / 10 };\n}\n',
    },
    sample: { hex: 'AA 55 03 02 FB FF 05' },
    values: { type: 2, value: -0.5 },
  },
];

/** The sample's bytes. */
export function templateSampleBytes(t: FrameTemplate): Uint8Array {
  if ('text' in t.sample) return new TextEncoder().encode(t.sample.text);
  return Uint8Array.from(t.sample.hex.split(/\s+/).filter(Boolean), (h) => parseInt(h, 16));
}
