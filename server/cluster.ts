/**
 * Several server processes behind Redis (`REDIS_URL`). Each process serves its own clients; they
 * share:
 * - broadcasts, through @socket.io/redis-adapter: what one process emits reaches every client once;
 * - state: each process publishes what it applied as the origin (accepted batches, weather,
 *   acknowledgements, shelving) on `parktwin:applied`, and the others apply it as replicas (engines
 *   only), so every process answers snapshots and alarm actions the same way;
 * - one leader (a Redis key with an expiry, renewed): it runs the simulator and stores the events
 *   that only time causes (silent tags and sensors, gatherings, shelving expiry). The others tick
 *   their engines without storing, so their state follows.
 * The event store must be shared too (PostgreSQL, `DATABASE_URL`): event ids are global.
 */
import { randomBytes } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import { redactUrl } from './auth/secrets.ts';
import type { Applied, LiveState } from './domain/live.ts';

const CHANNEL = 'parktwin:applied';
const LEADER_KEY = 'parktwin:leader';

export interface Cluster {
  readonly id: string;
  isLeader(): boolean;
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** Leader lease, ms; renewed every third of it. */
  lease_ms: number;
}

export async function startCluster(url: string, io: Server, live: LiveState, options: Partial<ClusterOptions> = {}): Promise<Cluster> {
  const lease_ms = options.lease_ms ?? 6000;
  const id = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const connect = () => new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  const pub = connect();
  const sub = connect();
  const statePub = connect();
  const stateSub = connect();
  const all = [pub, sub, statePub, stateSub];
  for (const c of all) c.on('error', (e: Error) => live.options.log.error({ redis: redactUrl(url), err: e.message }, 'Redis error'));
  await Promise.all(all.map((c) => c.connect()));
  io.adapter(createAdapter(pub, sub));

  await stateSub.subscribe(CHANNEL);
  stateSub.on('message', (_channel: string, raw: string) => {
    let msg: { from: string; applied: Applied };
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (msg.from !== id) live.applyReplica(msg.applied);
  });
  const offApplied = live.onApplied((applied) => {
    void statePub.publish(CHANNEL, JSON.stringify({ from: id, applied })).catch(() => {});
  });

  let leader = false;
  const campaign = async () => {
    try {
      if (leader) {
        // renew only our own lease
        const renewed = await statePub.eval(
          "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end",
          1,
          LEADER_KEY,
          id,
          lease_ms,
        );
        leader = renewed === 1;
      }
      if (!leader) leader = (await statePub.set(LEADER_KEY, id, 'PX', lease_ms, 'NX')) === 'OK';
    } catch {
      leader = false;
    }
  };
  await campaign();
  const timer = setInterval(() => void campaign(), lease_ms / 3);
  timer.unref();

  return {
    id,
    isLeader: () => leader,
    close: async () => {
      clearInterval(timer);
      offApplied();
      if (leader)
        await statePub
          .eval("if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end", 1, LEADER_KEY, id)
          .catch(() => {});
      await Promise.all(all.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
