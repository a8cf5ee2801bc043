/**
 * The bare server of the docs on Bun and Deno: a module whose default export is `{ fetch }`, served by
 * `bun apps/default-export.ts` (Bun serves such a module by itself, on `port` and `hostname`) and by
 * `deno serve --host 127.0.0.1 --port <port> apps/default-export.ts`.
 */
import { configFrom, createRuntimeApp, localRuntime } from './app.ts';

const read = (name: string): string | undefined => (typeof Deno !== 'undefined' ? Deno.env.get(name) : Bun.env[name]);
const app = createRuntimeApp(configFrom(read, localRuntime(), 'fetch'));

// Bun passes its server and Deno its connection info as the second argument: only the request matters.
export default { hostname: '127.0.0.1', port: Number(read('PORT')), fetch: (request: Request) => app(request) };
