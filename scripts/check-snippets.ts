/**
 * Type-checks every TypeScript snippet of the READMEs (`README.md`, `packages/*\/README.md`,
 * `examples/*\/README.md`) with the repository's own `tsc` and compiler options, and reports each
 * failing snippet as `file:line` (the line of its opening fence).
 *
 * A snippet must compile as it is shown: the imports and declarations it needs are written into the
 * snippet itself. Each one is checked as a module of its own, so names never leak between snippets.
 * They are written to a temporary folder inside the repository (removed afterwards) whose
 * `node_modules` links every package they import (workspace packages resolve to their sources through
 * the `@wa-webhooks/source` condition of `tsconfig.base.json`; other packages are taken from whichever
 * workspace package installs them). `scripts/snippet-globals.d.ts` declares the few runtime globals
 * (Bun, Deno, Workers) whose type packages are not installed.
 *
 * A block may be skipped with `<!-- snippet: skip -->` on the line before its fence, and only when it
 * is not TypeScript for our API (a shell session or JSON mislabelled as ts, for example).
 *
 * Usage: `pnpm check:snippets` (exits 1 when a snippet fails). Tests import `checkSnippets()`.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The marker that skips the next fenced block. */
export const SKIP_MARKER = '<!-- snippet: skip -->';

/** Who fixes the failing snippets of a README, and which failures are theirs to fix. */
export interface SnippetOwner {
  /** Who, in words, e.g. `the stores engineer (packages/redis)`. */
  readonly owner: string;
  /** Only errors whose text matches are theirs; any other error fails the check. Default: all. */
  readonly only?: RegExp;
}

/**
 * READMEs whose snippets another engineer fixes (their packages are being built or reshaped at the
 * same time): failures there are reported under that name, and the check's test skips them instead
 * of failing. Remove an entry once its README compiles.
 */
export const FIXED_BY_OWNERS: Readonly<Record<string, SnippetOwner>> = {};

/** The owner a failure belongs to, or `undefined` when it is ours to fix. */
export function ownerOf(failure: SnippetFailure): SnippetOwner | undefined {
  const owner = FIXED_BY_OWNERS[failure.file];
  if (owner === undefined) return undefined;
  const only = owner.only;
  const errors = failure.errors.filter((error) => /error TS\d+/.test(error));
  return only === undefined || errors.every((error) => only.test(error)) ? owner : undefined;
}

/** One TypeScript block of a README. */
export interface Snippet {
  /** README path relative to the root, e.g. `packages/core/README.md`. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The code between the fences. */
  readonly code: string;
  /** Whether a skip marker precedes it. */
  readonly skipped: boolean;
}

/** A snippet that does not compile, with tsc's messages (lines are README lines). */
export interface SnippetFailure {
  readonly file: string;
  readonly line: number;
  readonly errors: readonly string[];
}

/** The outcome of a check. */
export interface SnippetReport {
  readonly snippets: readonly Snippet[];
  readonly failures: readonly SnippetFailure[];
}

/** Every README the check covers, relative to the root, in a stable order. */
export function readmeFiles(root = ROOT): string[] {
  const files = existsSync(join(root, 'README.md')) ? ['README.md'] : [];
  for (const folder of ['packages', 'examples']) {
    const base = join(root, folder);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      if (existsSync(join(base, name, 'README.md'))) files.push(`${folder}/${name}/README.md`);
    }
  }
  return files;
}

const OPENING = /^```(ts|typescript|tsx)\s*$/;

/** The TypeScript blocks of one README's text. */
export function extractSnippets(file: string, text: string): Snippet[] {
  const lines = text.split('\n');
  const snippets: Snippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!OPENING.test(lines[index]!.trim())) continue;
    let previous = index - 1;
    while (previous >= 0 && lines[previous]!.trim() === '') previous--;
    const skipped = previous >= 0 && lines[previous]!.trim() === SKIP_MARKER;
    const start = index;
    let end = index + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!.trim())) end++;
    snippets.push({ file, line: start + 1, code: lines.slice(start + 1, end).join('\n'), skipped });
    index = end;
  }
  return snippets;
}

/** `@scope/name` or `name` of an import specifier, or `undefined` for relative and `node:` imports. */
function packageName(specifier: string): string | undefined {
  const bare = specifier.replace(/^npm:/, '');
  if (bare.startsWith('.') || bare.startsWith('/') || bare.startsWith('node:')) return undefined;
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every specifier a snippet imports. */
function importsOf(code: string): string[] {
  const found = code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g);
  return [...new Set([...found].map((match) => match[1]!))];
}

/** Workspace packages by name, and the folders whose node_modules may hold third-party packages. */
function workspace(root: string): { packages: Map<string, string>; folders: string[] } {
  const packages = new Map<string, string>();
  const folders = [root];
  for (const folder of ['packages', 'examples', 'bench']) {
    const base = join(root, folder);
    if (!existsSync(base)) continue;
    const dirs = folder === 'bench' ? [base] : readdirSync(base).map((name) => join(base, name));
    for (const dir of dirs) {
      const manifest = join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      packages.set((JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name, dir);
      folders.push(dir);
    }
  }
  return { packages, folders };
}

/** Links each imported package (and its `@types` twin) into `target/node_modules`. */
function linkModules(root: string, target: string, names: readonly string[]): void {
  const { packages, folders } = workspace(root);
  const link = (name: string, from: string): void => {
    const to = join(target, 'node_modules', name);
    if (existsSync(to)) return;
    mkdirSync(dirname(to), { recursive: true });
    symlinkSync(from, to, 'dir');
  };
  const installed = (name: string): string | undefined =>
    folders.map((folder) => join(folder, 'node_modules', name)).find((path) => existsSync(path));
  for (const name of names) {
    const own = packages.get(name);
    if (own !== undefined) link(name, own);
    else {
      const found = installed(name);
      if (found !== undefined) link(name, found);
    }
    const typesName = `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
    const types = installed(typesName);
    if (types !== undefined) link(typesName, types);
  }
}

/** The TypeScript entry of a linked package: its source for workspace packages, else its types. */
function entryOf(folder: string, name: string): string {
  const manifest = join(folder, 'node_modules', name, 'package.json');
  if (!existsSync(manifest)) return `./node_modules/${name}`;
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, unknown> };
  const source = (exports?.['.'] as Record<string, unknown> | undefined)?.['@wa-webhooks/source'];
  return typeof source === 'string'
    ? `./node_modules/${name}/${source.replace(/^\.\//, '')}`
    : `./node_modules/${name}`;
}

/** The compiler options of the temporary project: the repository's, plus `npm:` specifiers (Deno). */
function tsconfig(folder: string, names: readonly string[]): string {
  const paths: Record<string, string[]> = {};
  for (const name of names) paths[`npm:${name}`] = [entryOf(folder, name)];
  return JSON.stringify(
    {
      extends: '../tsconfig.base.json',
      compilerOptions: { noEmit: true, paths, types: ['node'] },
      include: ['*.ts', '../scripts/snippet-globals.d.ts'],
    },
    null,
    2,
  );
}

/** File name of a snippet in the temporary project. */
function fileNameOf(snippet: Snippet): string {
  return `${snippet.file.replace(/[/.]/g, '_')}__L${snippet.line}.ts`;
}

/** Runs tsc and resolves with its output (tsc exits non-zero when there are errors). */
function runTsc(project: string): Promise<string> {
  const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, '-p', project, '--pretty', 'false'],
      { maxBuffer: 64 * 1024 * 1024 },
      (_error, stdout, stderr) => resolve(`${stdout}${stderr}`),
    );
  });
}

/** Groups tsc's messages by snippet, with README line numbers. */
function failuresFrom(output: string, byFile: ReadonlyMap<string, Snippet>): SnippetFailure[] {
  const errors = new Map<Snippet, string[]>();
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    const match = /^(?:.*[/\\])?([^/\\(]+\.ts)\((\d+),(\d+)\): (error TS\d+: .*)$/.exec(line);
    if (match === null) {
      // Continuation lines of a multi-line message.
      if (current !== undefined && /^\s+\S/.test(line)) current.push(line.trim());
      else current = undefined;
      continue;
    }
    const snippet = byFile.get(match[1]!);
    if (snippet === undefined) {
      current = undefined;
      continue;
    }
    const list = errors.get(snippet) ?? [];
    errors.set(snippet, list);
    list.push(`${snippet.file}:${snippet.line + Number(match[2])}:${match[3]} ${match[4]!}`);
    current = list;
  }
  return [...errors].map(([snippet, list]) => ({ file: snippet.file, line: snippet.line, errors: list }));
}

/** Extracts and type-checks every snippet; never throws for a failing snippet. */
export async function checkSnippets(root = ROOT): Promise<SnippetReport> {
  const snippets = readmeFiles(root).flatMap((file) => extractSnippets(file, readFileSync(join(root, file), 'utf8')));
  const checked = snippets.filter((snippet) => !snippet.skipped);
  const folder = mkdtempSync(join(root, '.snippets-'));
  try {
    const names = [
      ...new Set(checked.flatMap((snippet) => importsOf(snippet.code).flatMap((s) => packageName(s) ?? []))),
    ];
    linkModules(root, folder, names);
    writeFileSync(join(folder, 'tsconfig.json'), tsconfig(folder, names));
    const byFile = new Map<string, Snippet>();
    for (const snippet of checked) {
      byFile.set(fileNameOf(snippet), snippet);
      // `export {}` makes every snippet a module: its own scope, and top-level await allowed.
      writeFileSync(join(folder, fileNameOf(snippet)), `${snippet.code}\nexport {};\n`);
    }
    const output = await runTsc(join(folder, 'tsconfig.json'));
    const failures = failuresFrom(output, byFile);
    if (failures.length === 0 && /error TS/.test(output)) {
      throw new Error(`tsc failed outside the snippets:\n${output.replaceAll(folder, relative(root, folder))}`);
    }
    return { snippets, failures };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The report as text: one block per failing snippet, those of other owners marked as such. */
export function formatReport(report: SnippetReport): string {
  const checked = report.snippets.filter((snippet) => !snippet.skipped).length;
  const skipped = report.snippets.length - checked;
  const lines = [`${checked} TypeScript snippets checked (${skipped} skipped), ${report.failures.length} failing.`];
  for (const failure of report.failures) {
    const owner = ownerOf(failure);
    lines.push('', `${failure.file}:${failure.line}${owner === undefined ? '' : `  [fixed by ${owner.owner}]`}`);
    for (const error of failure.errors) lines.push(`  ${error}`);
  }
  return lines.join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = await checkSnippets();
  process.stdout.write(`${formatReport(report)}\n`);
  // Other owners' failures are reported but do not fail the command (CI runs the same rule in a test).
  const ours = report.failures.filter((failure) => ownerOf(failure) === undefined);
  if (report.failures.length > ours.length)
    process.stdout.write('Failures marked [fixed by …] do not fail this command.\n');
  process.exitCode = ours.length === 0 ? 0 : 1;
}
