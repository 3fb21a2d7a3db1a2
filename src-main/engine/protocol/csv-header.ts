// The optional CSV header line: read once per connect/reset on the main thread
// (a string split is fine there), never on the data path.
import type { CsvFormat } from '@shared/domain/frame-format.js';
import { MAX_FORMAT_CHANNELS } from '@shared/domain/frame-layout.js';

const TEXT = new TextDecoder();

/**
 * Channel names from a header line, or undefined when the line is data (its first
 * channel field starts like a number) so it is decoded as a frame instead.
 */
export function readCsvHeader(line: Uint8Array, format: CsvFormat): string[] | undefined {
  let text = TEXT.decode(line);
  const delim = format.delimiter === 'lf' || format.delimiter === 'crlf' ? '\n' : format.delimiter;
  if (text.endsWith(delim)) text = text.slice(0, -delim.length);
  if (text.endsWith('\r')) text = text.slice(0, -1);
  const fields =
    format.separator === 'space'
      ? text.trim().split(/ +/)
      : text.split(format.separator === 'tab' ? '\t' : format.separator).map((f) => f.trim());
  const names = (format.seqField ? fields.slice(1) : fields).map((f) => f.replace(/^"(.*)"$/, '$1'));
  const first = names[0];
  if (first === undefined || first === '' || /^[-+.\d]/.test(first)) return undefined;
  return names.slice(0, MAX_FORMAT_CHANNELS).map((n, i) => n || `ch${i + 1}`);
}
