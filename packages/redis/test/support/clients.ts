/**
 * Every client the store accepts, as test cases: ioredis 5 and 6 (`Redis` and `Cluster`) and node-redis
 * 5 and 6 (`createClient` and `createCluster`), the older majors through npm aliases. Each case connects
 * a client that fails fast while Redis is down, as the README recommends.
 */
import { Cluster as Cluster5, Redis as Redis5 } from 'ioredis5';
import { Cluster as Cluster6, Redis as Redis6 } from 'ioredis';
import { createClient as createClient6, createCluster as createCluster6 } from 'redis';
import { createClient as createClient5, createCluster as createCluster5 } from 'redis5';
import type { RedisDedupeClient } from '../../src/index';

/** A connected client and how to close it. */
export interface ConnectedClient {
  readonly client: RedisDedupeClient;
  close(): Promise<void>;
}

/** One client library, major version and topology. */
export interface ClientCase {
  readonly name: string;
  readonly kind: 'ioredis' | 'node-redis';
  /** Whether it needs a server in cluster mode. */
  readonly cluster: boolean;
  /** Connects to the server on 127.0.0.1:`port` and resolves once the client is ready. */
  connect(port: number): Promise<ConnectedClient>;
}

type IoredisLike = {
  readonly status: string;
  once(event: 'ready', listener: () => void): unknown;
  on(event: 'error', listener: () => void): unknown;
  disconnect(): void;
};

async function ioredis(client: IoredisLike): Promise<ConnectedClient> {
  client.on('error', () => undefined);
  if (client.status !== 'ready') await new Promise<void>((resolve) => client.once('ready', resolve));
  return { client: client as unknown as RedisDedupeClient, close: async () => client.disconnect() };
}

type NodeRedisLike = {
  on(event: 'error', listener: () => void): unknown;
  connect(): Promise<unknown>;
  destroy(): void;
};

async function nodeRedis(client: NodeRedisLike): Promise<ConnectedClient> {
  client.on('error', () => undefined);
  await client.connect();
  return { client: client as unknown as RedisDedupeClient, close: async () => client.destroy() };
}

const fastFail = { enableOfflineQueue: false, maxRetriesPerRequest: 1 } as const;
const url = (port: number) => `redis://127.0.0.1:${port}`;

/** The standalone clients. */
export const STANDALONE_CLIENTS: readonly ClientCase[] = [
  { name: 'ioredis 6', kind: 'ioredis', cluster: false, connect: (port) => ioredis(new Redis6(url(port), fastFail)) },
  { name: 'ioredis 5', kind: 'ioredis', cluster: false, connect: (port) => ioredis(new Redis5(url(port), fastFail)) },
  {
    name: 'node-redis 6',
    kind: 'node-redis',
    cluster: false,
    connect: (port) => nodeRedis(createClient6({ url: url(port), disableOfflineQueue: true })),
  },
  {
    name: 'node-redis 5',
    kind: 'node-redis',
    cluster: false,
    connect: (port) => nodeRedis(createClient5({ url: url(port), disableOfflineQueue: true })),
  },
];

const nodes = (port: number) => [{ host: '127.0.0.1', port }];

/** The cluster clients (against a one-node cluster). */
export const CLUSTER_CLIENTS: readonly ClientCase[] = [
  {
    name: 'ioredis 6 Cluster',
    kind: 'ioredis',
    cluster: true,
    connect: (port) => ioredis(new Cluster6(nodes(port), { enableOfflineQueue: false })),
  },
  {
    name: 'ioredis 5 Cluster',
    kind: 'ioredis',
    cluster: true,
    connect: (port) => ioredis(new Cluster5(nodes(port), { enableOfflineQueue: false })),
  },
  {
    name: 'node-redis 6 createCluster',
    kind: 'node-redis',
    cluster: true,
    connect: (port) => nodeRedis(createCluster6({ rootNodes: [{ url: url(port) }] })),
  },
  {
    name: 'node-redis 5 createCluster',
    kind: 'node-redis',
    cluster: true,
    connect: (port) => nodeRedis(createCluster5({ rootNodes: [{ url: url(port) }] })),
  },
];
