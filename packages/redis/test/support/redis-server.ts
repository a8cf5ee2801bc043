/**
 * Starts a real, throw-away `redis-server` (from the system, e.g. Debian's package) on a free loopback
 * port for one test file (optionally as a one-node cluster). Fails loudly when redis-server is not
 * installed: the suite never skips.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unusedLoopbackPort } from '@wa-webhooks/test-kit';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGKILL: an outage, not a clean shutdown). */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty, unless started with `persistent`). */
  start(): Promise<void>;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.on('error', () => resolve(false));
  });
}

const binary = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/** Options of `startRedisServer`. */
export interface RedisServerOptions {
  /** Keep data across `stop()`/`start()` with an append-only file fsynced on every write. */
  readonly persistent?: boolean;
  /**
   * Run as a one-node Redis Cluster holding all 16 384 slots, so that the Cluster clients of ioredis and
   * node-redis (which refuse a server without cluster mode) are tested against a real cluster protocol.
   */
  readonly cluster?: boolean;
}

/** Sends one inline command on a fresh connection and resolves with the first reply chunk. */
function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write(`${line}\r\n`));
    socket.setTimeout(2000, () => {
      socket.destroy();
      reject(new Error(`redis-server did not answer "${line}"`));
    });
    socket.on('data', (data) => {
      socket.destroy();
      resolve(data.toString());
    });
    socket.on('error', reject);
  });
}

/** Spawns redis-server; resolves once it answers PING. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  if (spawnSync(binary, ['--version']).status !== 0) {
    throw new Error(
      `${binary} is not installed. Install it (Debian/Ubuntu: apt-get install redis-server); .ci/run does this itself.`,
    );
  }
  // Below the ephemeral range: nothing else takes the port, not even while the server is stopped.
  const port = await unusedLoopbackPort();
  const dir = mkdtempSync(join(tmpdir(), 'wa-webhooks-redis-'));
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const persistence = options.persistent
      ? ['--appendonly', 'yes', '--appendfsync', 'always']
      : ['--appendonly', 'no'];
    const cluster = options.cluster
      ? [
          '--cluster-enabled',
          'yes',
          '--cluster-announce-ip',
          '127.0.0.1',
          '--cluster-config-file',
          join(dir, 'nodes.conf'),
        ]
      : [];
    child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, ...cluster, '--dir', dir],
      { stdio: 'ignore' },
    );
    let started = false;
    for (let attempt = 0; attempt < 200 && !started; attempt++) {
      started = await ping(port);
      if (!started) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (!started) throw new Error(`redis-server did not start on port ${port}`);
    if (!options.cluster) return;
    await command(port, 'CLUSTER ADDSLOTSRANGE 0 16383');
    for (let attempt = 0; attempt < 200; attempt++) {
      if ((await command(port, 'CLUSTER INFO')).includes('cluster_state:ok')) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`redis-server on port ${port} did not form a cluster`);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
  };
}
