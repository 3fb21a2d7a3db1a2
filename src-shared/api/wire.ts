// WebSocket framing of the contract: JSON text frames for requests, replies and
// events; binary frames carry encoded sample batches (see samples.ts).
import { z } from 'zod';

export const WsRequestSchema = z.object({
  type: z.literal('req'),
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(64),
  input: z.unknown().optional(),
});
export type WsRequest = z.infer<typeof WsRequestSchema>;

export interface WsResponse {
  type: 'res';
  id: number;
  result: unknown;
}

export interface WsEvent {
  type: 'evt';
  event: string;
  payload: unknown;
}

export type WsServerMessage = WsResponse | WsEvent;

export const WS_PATH = '/api';
