// A strict RFC 4180 parser for tests: CRLF records, quoted fields with doubled
// quotes, any delimiter. Throws on anything malformed (bare quote, unterminated field).
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return rows;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('unterminated quoted field');
        const ch = text[i] as string;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += ch;
          i++;
        }
      }
    } else {
      while (i < n && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`bare quote in unquoted field at ${i}`);
        field += text[i];
        i++;
      }
    }
    row.push(field);
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    if (text[i] === delimiter) {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i += 2;
      rows.push(row);
      row = [];
      if (i >= n) return rows;
      continue;
    }
    throw new Error(`expected delimiter or CRLF at ${i}, got ${JSON.stringify(text[i])}`);
  }
}
