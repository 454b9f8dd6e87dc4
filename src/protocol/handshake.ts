/**
 * What a socket.io client may send, parsed by one schema each before anything touches it: the
 * handshake's `auth` and the layer subscription. Errors the server refuses a connection with carry
 * a code in their `data` (clients switch on it, never on the message's words).
 */
import { z } from 'zod';

export const LAYERS = ['events', 'positions', 'alarms', 'readings'] as const;

export const SocketAuthSchema = z.strictObject({
  /** An API client's bearer token; browsers sign in with the session cookie instead. */
  token: z.string().min(1).max(4096).optional(),
  /** Id of the last event this client has: the server sends what came after. */
  since: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** Layers to receive (unknown names are ignored; anything but a short array of short strings subscribes to none). */
export const SubscribeSchema = z.array(z.string().max(32)).max(16);

export type SocketErrorCode = 'bad_request' | 'unauthorised' | 'forbidden' | 'rate_limited' | 'drill_ended' | 'unavailable';

export interface SocketErrorData {
  code: SocketErrorCode;
  /** The field at fault (bad_request). */
  field?: string;
  retryAfter_s?: number;
}
