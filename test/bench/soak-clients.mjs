// Two WebSocket clients of the soak benchmark, in their own process so their memory
// is not counted as the app's: each takes every event the host sends and counts it.
// argv: <url> <clients>. Prints one JSON line with the counts when stdin closes.
import { WebSocket } from 'ws';

const [url, n = '2'] = process.argv.slice(2);
const counts = Array.from({ length: Number(n) }, () => ({ messages: 0, bytes: 0, closed: false }));
const sockets = counts.map((c) => {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + '/api', { headers: { origin: url } });
  ws.on('message', (data) => {
    c.messages++;
    c.bytes += data.length ?? data.byteLength ?? 0;
  });
  ws.on('close', () => (c.closed = true));
  ws.on('error', (err) => process.stderr.write(`soak client: ${err.message}\n`));
  return ws;
});
process.stdin.resume();
process.stdin.on('end', () => {
  process.stdout.write(`${JSON.stringify(counts)}\n`);
  for (const ws of sockets) ws.close();
  process.exit(0);
});
