// A minimal TelemetryApi caller over the host's WebSocket, for tests and benches
// that set the app up before (or while) a browser looks at it.
import { WebSocket } from 'ws';
import { WS_PATH } from '@shared/api/wire.js';
import type { ApiResult } from '@shared/domain/result.js';

export async function callHost<T = unknown>(url: string, method: string, input?: unknown): Promise<ApiResult<T>> {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + WS_PATH, { headers: { origin: url } });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const id = 1;
    const reply = new Promise<ApiResult<T>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no reply within 10 s`)), 10_000);
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        const msg = JSON.parse(data.toString()) as { type: string; id?: number; result?: ApiResult<T> };
        if (msg.type === 'res' && msg.id === id && msg.result) {
          clearTimeout(timer);
          resolve(msg.result);
        }
      });
    });
    ws.send(JSON.stringify({ type: 'req', id, method, input }));
    return await reply;
  } finally {
    ws.close();
  }
}
