// Where the CSV export's time goes: the same session written by COPY variants that each
// leave one piece out (ISO time, seconds, values, the side-file copy), at 1 and 2 threads.
// `npx tsx test/bench/export-profile.ts [rows]` — one JSON line per variant.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { SessionStore } from '../../src-main/engine/recorder/session-store.js';

const rows = Number(process.argv[2] ?? 2_000_000);
const channels = 8;
const dir = await mkdtemp(join(tmpdir(), 'th-exp-prof-'));
const store = await SessionStore.open({ folder: dir, threads: 2 });
const t0 = Date.UTC(2026, 0, 1);
await store.beginSession({ source: 'bench', startedAt: t0, channels: Array.from({ length: channels }, (_, i) => ({ index: i, name: `ch${i + 1}`, unit: 'V' })) });
const per = 20_000;
const data = new Float64Array(per * (1 + channels));
for (let f0 = 0; f0 < rows; f0 += per) {
  const n = Math.min(per, rows - f0);
  for (let f = 0; f < n; f++) {
    data[f] = t0 + (f0 + f);
    for (let c = 0; c < channels; c++) data[n + f * channels + c] = Math.sin((f0 + f) * 0.001 + c) * (c + 1);
  }
  store.append(data, n, channels);
}
await store.endSession(t0 + rows);
await store.checkpoint();
const con = await store.connect();
const vals = Array.from({ length: channels }, (_, c) => `v${c}`).join(', ');
const iso = `strftime(make_timestamp(round(t * 1000)::BIGINT), '%Y-%m-%dT%H:%M:%S.%fZ')`;
const secs = `round((t - ${t0}) * 1000) / 1e6`;
const variants: Record<string, string> = {
  full: `${iso}, ${secs}, ${vals}`,
  noIso: `t, ${secs}, ${vals}`,
  isoOnly: iso,
  tsCast: `make_timestamp(round(t * 1000)::BIGINT), ${secs}, ${vals}`,
  valuesOnly: vals,
  rawT: 't',
};
const out: object[] = [];
for (const threads of [1, 2]) {
  await con.run(`SET threads = ${threads}`);
  for (const [name, cols] of Object.entries(variants)) {
    const file = join(dir, `${name}.csv`);
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    await con.run(`COPY (SELECT ${cols} FROM samples_1) TO '${file}' (FORMAT csv, HEADER false, NEW_LINE '\r\n')`);
    const s = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = Math.round((cpu.user + cpu.system) / 1e4) / 100;
    const bytes = (await stat(file)).size;
    let copyS = 0;
    if (name === 'full') {
      const cc = process.cpuUsage();
      await pipeline(createReadStream(file), createWriteStream(join(dir, 'copy.csv')));
      const c = process.cpuUsage(cc);
      copyS = (c.user + c.system) / 1e6;
      await rm(join(dir, 'copy.csv'));
    }
    await rm(file);
    const line = { threads, variant: name, rowsPerSec: Math.round(rows / s), seconds: Math.round(s * 100) / 100, cpuSeconds, mb: Math.round(bytes / 1048576), ...(copyS ? { sideCopyCpuSeconds: Math.round(copyS * 100) / 100 } : {}) };
    out.push(line);
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
con.closeSync();
store.close();
await rm(dir, { recursive: true, force: true });
