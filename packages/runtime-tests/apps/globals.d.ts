/** The few Bun and Deno globals the entries use (their full type packages are not installed). */
declare const Bun: {
  readonly env: Record<string, string | undefined>;
  readonly version: string;
  serve(options: { hostname: string; port: number; fetch: (request: Request) => Promise<Response> }): unknown;
};
declare const Deno: {
  readonly env: { get(name: string): string | undefined };
  readonly version: { readonly deno: string };
  serve(
    options: { hostname: string; port: number; onListen?: () => void },
    handler: (request: Request) => Promise<Response>,
  ): unknown;
};
