/**
 * `wa-webhooks status`: where notifications go today (the app's callback URL and fields, each WABA's
 * subscription and override, each phone number's override) as a table, then the traps as warnings:
 * non-https callbacks, fields an override cannot carry, a callback that refuses the local verify token,
 * and, with `--config`, subscribed fields no handler listens to.
 */
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readWebhookStatus, type CallbackCheck, type WebhookStatus } from '@wa-webhooks/setup';
import { checkHandshake } from '../handshake';
import { SendError } from '../errors';
import { GRAPH_OPTIONS, graphTarget } from './graph-options';
import { EXIT, UsageError, type CliIo, type ExitCode } from './io';

interface ListeningWebhooks {
  listenedFields(): readonly string[] | '*';
}

/** Loads the user's `createWebhooks` module (`.ts` through tsx) and asks it which fields it handles. */
async function listenedFields(path: string, io: CliIo): Promise<readonly string[] | '*'> {
  const file = resolve(io.cwd, path);
  let module: Record<string, unknown>;
  try {
    if (/^\.[cm]?tsx?$/.test(extname(file))) {
      // A variable, so that the bundler leaves tsx out of dist/cli.js.
      const api = 'tsx/esm/api';
      const tsx = (await import(api).catch(() => {
        throw new UsageError(`Loading ${path} needs tsx (pnpm add -D tsx), or point --config at the built .js file.`);
      })) as { tsImport: (specifier: string, parent: string) => Promise<Record<string, unknown>> };
      module = await tsx.tsImport(pathToFileURL(file).href, import.meta.url);
    } else {
      module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`Cannot load --config ${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  const webhooks = (module.webhooks ?? (module.default as Record<string, unknown> | undefined)?.webhooks) as
    Partial<ListeningWebhooks> | undefined;
  if (webhooks === undefined || typeof webhooks !== 'object') {
    throw new UsageError(
      `--config ${path} must export the webhooks object: export const webhooks = createWebhooks({ … }).`,
    );
  }
  if (typeof webhooks.listenedFields !== 'function') {
    throw new UsageError(`The webhooks object of ${path} has no listenedFields(): update @wa-webhooks/core.`);
  }
  return webhooks.listenedFields();
}

/** The verification handshake Meta runs, with the local verify token. */
function handshakeCheck(token: string): (url: string) => Promise<CallbackCheck> {
  return async (url) => {
    try {
      const report = await checkHandshake(url, { token, timeout: 5000, probeWrongToken: false });
      return {
        verified: report.verified,
        wrongToken: report.failure?.code === 'WRONG_TOKEN',
        reason: report.failure?.message ?? '',
      };
    } catch (error) {
      if (!(error instanceof SendError)) throw error;
      return { verified: false, wrongToken: false, reason: `no answer (${error.message})` };
    }
  };
}

/** The status as table rows: level, id, where notifications go, notes. */
function rows(status: WebhookStatus): string[][] {
  const { app } = status;
  const table = [['level', 'id', 'callback', 'notes']];
  table.push(
    app === undefined
      ? ['app', status.appId, '-', 'no whatsapp_business_account subscription']
      : [
          'app',
          status.appId,
          app.callbackUrl,
          `fields: ${app.fields.join(', ') || 'none'}${app.active ? '' : ' (inactive)'}`,
        ],
  );
  for (const waba of status.wabas) {
    if (!waba.subscribed) table.push(['WABA', waba.id, '-', 'has not subscribed the app']);
    else if (waba.overrideCallbackUrl === undefined) table.push(['WABA', waba.id, '(app callback)', 'subscribed']);
    else table.push(['WABA', waba.id, waba.overrideCallbackUrl, 'subscribed, WABA override']);
  }
  for (const phone of status.phoneNumbers) {
    const source =
      phone.override !== undefined
        ? 'phone-number override'
        : phone.wabaOverride !== undefined
          ? 'from the WABA override'
          : 'from the app callback';
    table.push(['phone number', phone.id, phone.effective ?? '-', source]);
  }
  return table;
}

/** Runs `wa-webhooks status <args>`. */
export async function runStatus(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { ...GRAPH_OPTIONS, config: { type: 'string' } },
  });
  if (positionals.length > 0)
    throw new UsageError(`status takes options only, not "${positionals.join(' ')}". Run "wa-webhooks help".`);
  const target = await graphTarget(values, io);
  const listened = values.config === undefined ? undefined : await listenedFields(values.config, io);
  if (target.verifyToken === undefined)
    io.stderr('Note: no verify token (WHATSAPP_VERIFY_TOKEN or --verify-token): the callback URLs were not checked.\n');
  const status = await readWebhookStatus(target.graph, {
    appId: target.appId,
    wabaIds: target.wabaIds,
    phoneNumberIds: target.phoneNumberIds,
    listenedFields: listened,
    verifyCallback: target.verifyToken === undefined ? undefined : handshakeCheck(target.verifyToken),
  });
  const table = rows(status);
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  for (const row of table)
    io.stdout(
      `${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')}\n`,
    );
  for (const warning of status.warnings) io.stdout(`Warning: ${warning.message}\n`);
  io.stdout(
    status.warnings.length === 0
      ? 'No problems found.\n'
      : `${status.warnings.length} warning${status.warnings.length === 1 ? '' : 's'}.\n`,
  );
  return EXIT.OK;
}
