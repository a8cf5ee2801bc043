/**
 * The Flows app on Bun and Deno as a module whose default export is `{ fetch }`: `bun
 * apps/flows-default-export.ts` and `deno serve --host 127.0.0.1 --port <port> apps/flows-default-export.ts`.
 */
import { createFlowsApp } from './flows.ts';

const read = (name: string): string | undefined => (typeof Deno !== 'undefined' ? Deno.env.get(name) : Bun.env[name]);
const runtime = typeof Deno !== 'undefined' ? `deno ${Deno.version.deno}` : `bun ${Bun.version}`;
const app = createFlowsApp(read, runtime);

export default { hostname: '127.0.0.1', port: Number(read('PORT')), fetch: (request: Request) => app(request) };
