/**
 * bench/live's watching clients, in a worker thread of their own so that their parsing does not
 * delay the load generator (nor the generator their timing): SOCKETIO socket.io clients time the
 * latency, the others are raw WebSocket clients that speak the socket.io protocol and count bytes.
 * Messages in: {reset}, {report}; out: {ready}, {report: {positions, events, bytes}}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { io as connect } from 'socket.io-client';
import WebSocket from 'ws';

const {
  base,
  port,
  clients: CLIENTS,
  socketio: SOCKETIO,
  token,
} = workerData as { base: string; port: number; clients: number; socketio: number; token: string };
const lat = { positions: [] as number[], events: [] as number[] };
const bytes = new Array<number>(CLIENTS).fill(0);
const ready: Promise<unknown>[] = [];
for (let i = 0; i < SOCKETIO; i++) {
  const c = connect(base, { auth: { token }, transports: ['websocket'], forceNew: true });
  const k = i;
  c.io.on('open', () => c.io.engine.on('data', (d: string | ArrayBuffer) => (bytes[k] += typeof d === 'string' ? Buffer.byteLength(d) : d.byteLength)));
  ready.push(new Promise((r) => c.once('snapshot', r)));
  c.on('positions', (ps: { t: number }[]) => {
    const now = Date.now();
    for (const p of ps) lat.positions.push(now - p.t);
  });
  c.on('events', (es: { type: string; subject: string }[]) => {
    const now = Date.now();
    for (const e of es) if (e.type === 'fence.breach' && e.subject.startsWith('B-')) lat.events.push(now - Number(e.subject.slice(2)));
  });
}
for (let i = SOCKETIO; i < CLIENTS; i++) {
  const k = i;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
  ready.push(
    new Promise<void>((resolve) => {
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        bytes[k] += data.length + (isBinary ? 1 : 0);
        if (isBinary) return;
        const m = data.toString('utf8', 0, Math.min(data.length, 16));
        if (m[0] === '0')
          ws.send(`40${JSON.stringify({ token })}`); // engine open → socket.io connect with auth
        else if (m === '2')
          ws.send('3'); // ping → pong
        else if (m.startsWith('42["snapshot"')) resolve();
      });
    }),
  );
}
void Promise.all(ready).then(() => parentPort!.postMessage({ ready: true }));
parentPort!.on('message', (m: { reset?: boolean; report?: boolean }) => {
  if (m.reset) {
    lat.positions.length = 0;
    lat.events.length = 0;
    bytes.fill(0);
  }
  if (m.report) {
    parentPort!.postMessage({ report: { positions: lat.positions, events: lat.events, bytes } });
    setTimeout(() => process.exit(0), 100);
  }
});
