/**
 * The runtime globals README snippets use whose type packages are not installed here (bun-types,
 * Deno's lib, @cloudflare/workers-types): only the members the snippets call, with the runtimes'
 * own signatures narrowed to what we document. Used by `scripts/check-snippets.ts` only.
 */
declare const Bun: {
  readonly env: Record<string, string | undefined>;
  serve(options: {
    port?: number;
    hostname?: string;
    routes?: Record<string, (request: Request) => Response | Promise<Response>>;
    fetch?: (request: Request) => Response | Promise<Response>;
  }): unknown;
};

declare const Deno: {
  readonly env: { get(name: string): string | undefined };
  serve(
    options: { port?: number; hostname?: string },
    handler: (request: Request) => Response | Promise<Response>,
  ): unknown;
};

/** Cloudflare Workers' execution context (`@cloudflare/workers-types`). */
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
}
