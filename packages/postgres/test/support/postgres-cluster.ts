/**
 * Starts a real, throw-away PostgreSQL cluster for one test file: `initdb` into a temporary folder,
 * `pg_ctl start` on a free loopback port (no Unix socket outside that folder, trust auth, fsync off),
 * and removal of the folder afterwards. As root it runs the binaries as the `postgres` user (the server
 * refuses to run as root). Fails loudly when the binaries are missing: the suites never skip.
 *
 * Binaries: `$POSTGRES_BIN_DIR`, else the newest `/usr/lib/postgresql/<version>/bin` (Debian's layout),
 * else `initdb` on the PATH.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { unusedLoopbackPort } from '@wa-webhooks/test-kit';

const run = promisify(execFile);

/** A running throw-away cluster. */
export interface PostgresCluster {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust auth: no password). */
  readonly url: string;
  /** `pg_ctl stop -m immediate`: a crash (no checkpoint; WAL replay at the next start). */
  stop(): Promise<void>;
  /** Starts it again on the same port, with its data. */
  start(): Promise<void>;
  /** Stops it and removes its folder. Safe to call twice. */
  destroy(): Promise<void>;
}

function binDir(): string {
  const fromEnv = process.env.POSTGRES_BIN_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((version) => existsSync(join(debian, version, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return join(debian, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim() !== '') return dirname(which.stdout.trim());
  throw new Error(
    'PostgreSQL binaries (initdb, pg_ctl, postgres) not found. Install them (Debian/Ubuntu: apt-get install postgresql) or set POSTGRES_BIN_DIR; .ci/run does this itself.',
  );
}

/** As root: the command line that runs `binary` as the `postgres` user. */
function asServerUser(binary: string, args: readonly string[]): [string, string[]] {
  return userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, [...args]];
}

function serverUserIds(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  try {
    const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' })));
    return { uid: uid!, gid: gid! };
  } catch {
    throw new Error('Running as root, PostgreSQL needs the "postgres" user (created by the postgresql package).');
  }
}

/** Creates and starts a cluster; resolves once it accepts connections. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = binDir();
  const ids = serverUserIds();
  const dir = mkdtempSync(join(tmpdir(), 'wa-webhooks-pg-'));
  if (ids !== undefined) chownSync(dir, ids.uid, ids.gid);
  const data = join(dir, 'data');
  const port = await unusedLoopbackPort();
  const exec = async (name: string, args: readonly string[]) => {
    const [command, argv] = asServerUser(join(bin, name), args);
    try {
      await run(command, argv, { cwd: dir });
    } catch (error) {
      const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
      throw new Error(`${name} failed: ${stderr || stdout || String(error)}`, { cause: error });
    }
  };
  const ctl = (args: readonly string[]) => {
    const [command, argv] = asServerUser(join(bin, 'pg_ctl'), ['-D', data, ...args]);
    return [command, argv] as const;
  };
  let running = false;
  let removed = false;
  // Also when the test process dies without its afterAll: no cluster may outlive the run.
  const onExit = () => {
    if (running) spawnSync(...ctl(['stop', '-m', 'immediate']), { stdio: 'ignore' });
    if (!removed) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const start = async () => {
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    await exec('pg_ctl', ['-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', settings, 'start']);
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    await exec('pg_ctl', ['-D', data, '-w', '-m', 'immediate', 'stop']);
    running = false;
  };
  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    destroy: async () => {
      await stop();
      if (!removed) rmSync(dir, { recursive: true, force: true });
      removed = true;
      process.off('exit', onExit);
    },
  };
}
