/**
 * Runs an example's `src/server.ts` as its own process, as `pnpm start` does (tsx with the source
 * condition), on 127.0.0.1 port 0, and reads what it prints.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A running example process. */
export interface ExampleProcess {
  /** The webhook URL it printed, e.g. `http://127.0.0.1:41234/webhook`. */
  readonly url: string;
  /** Every line it printed on standard output so far. */
  readonly stdout: readonly string[];
  /** Everything it printed on standard error so far. */
  readonly stderr: () => string;
  /** Resolves with standard error once it contains `text`. */
  waitForStderr(text: string): Promise<string>;
  /** Resolves with the first standard-output line (already printed or still to come) that matches. */
  waitForLine(match: (line: string) => boolean): Promise<string>;
  /** Stops the process (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * Starts `server` (a `src/server.ts` URL) with `env` on top of this process's environment. The four
 * variables of `.env.example` are always passed (empty means unset), so a developer's `.env` file
 * does not change what the test sees.
 */
export function startExample(server: URL, env: Readonly<Record<string, string>> = {}): Promise<ExampleProcess> {
  const args = ['--import', tsxLoader, '--conditions=@wa-webhooks/source', fileURLToPath(server)];
  return startProcess(process.execPath, args, fileURLToPath(new URL('..', server)), env);
}

/** A child's output as it arrives, with waiters for a line of standard output or a text on standard error. */
class Output {
  readonly stdout: string[] = [];
  stderr = '';
  private partial = '';
  private readonly waiters: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  private readonly stderrWaiters: { text: string; resolve: (stderr: string) => void }[] = [];

  constructor(
    child: ChildProcess,
    private readonly exited: Promise<number | null>,
  ) {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.onStdout(chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      for (const waiter of this.stderrWaiters.filter(({ text }) => this.stderr.includes(text))) {
        this.stderrWaiters.splice(this.stderrWaiters.indexOf(waiter), 1);
        waiter.resolve(this.stderr);
      }
    });
  }

  private onStdout(chunk: string): void {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) {
      this.stdout.push(line);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(line)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  }

  waitForLine(match: (line: string) => boolean): Promise<string> {
    const seen = this.stdout.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      this.waiters.push({ match, resolve });
      void this.exited.then((code) =>
        reject(
          new Error(
            `The example exited (${String(code)}) before printing the line.\n${this.stdout.join('\n')}\n${this.stderr}`,
          ),
        ),
      );
    });
  }

  waitForStderr(text: string): Promise<string> {
    if (this.stderr.includes(text)) return Promise.resolve(this.stderr);
    return new Promise<string>((resolve, reject) => {
      this.stderrWaiters.push({ text, resolve });
      void this.exited.then((code) =>
        reject(new Error(`The example exited (${String(code)}) before printing "${text}".\n${this.stderr}`)),
      );
    });
  }
}

/**
 * Runs `command` in `cwd` (in its own process group, so that `stop()` also ends the processes it
 * starts, as `pnpm start` does) and resolves once it printed its start banner.
 */
export function startProcess(
  command: string,
  args: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ExampleProcess> {
  const child: ChildProcess = spawn(command, args, {
    cwd,
    env: { ...process.env, WHATSAPP_APP_SECRET: '', WHATSAPP_VERIFY_TOKEN: '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const output = new Output(child, exited);
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGTERM');
    await exited;
  };

  // "Send a message: …" is the last line of the start banner, after "… listening on <url>".
  return output
    .waitForLine((line) => line.startsWith('Send a message:'))
    .then(
      () => {
        const listening = output.stdout.find((line) => / listening on http:\/\/\S+$/.test(line))!;
        return {
          url: /(http:\/\/\S+)$/.exec(listening)![1]!,
          stdout: output.stdout,
          stderr: () => output.stderr,
          waitForStderr: (text) => output.waitForStderr(text),
          waitForLine: (match) => output.waitForLine(match),
          stop,
        };
      },
      async (error: unknown) => {
        await stop();
        throw error;
      },
    );
}

/** What a finished example process printed, and how it ended. */
export interface ExampleRun {
  /** Exit code (`null` when a signal ended it). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs an example's `src/server.ts` with `env` (on top of empty secrets, `HOST=127.0.0.1`, `PORT=0`) until
 * it exits, or, with `until`, until its standard output contains that text (then it is stopped).
 */
export function runToExit(server: URL, env: Readonly<Record<string, string>>, until?: string): Promise<ExampleRun> {
  const args = ['--import', tsxLoader, '--conditions=@wa-webhooks/source', fileURLToPath(server)];
  const child = spawn(process.execPath, args, {
    cwd: fileURLToPath(new URL('..', server)),
    env: { ...process.env, WHATSAPP_APP_SECRET: '', WHATSAPP_VERIFY_TOKEN: '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (until !== undefined && stdout.includes(until)) child.kill('SIGTERM');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
