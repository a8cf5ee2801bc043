/**
 * `wa-webhooks setup`: subscribe the app (callback URL + fields), have each WABA subscribe the app,
 * and set or remove the callback overrides, idempotently: only what differs is written, each change
 * is printed as it is made, and a second run prints "No changes".
 */
import { parseArgs } from 'node:util';
import { applySetup, planSetup } from '@wa-webhooks/setup';
import { GRAPH_OPTIONS, graphTarget } from './graph-options';
import { EXIT, UsageError, type CliIo, type ExitCode } from './io';

/** Runs `wa-webhooks setup <args>`. Graph and setup errors propagate to `runCli`, which prints them. */
export async function runSetup(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...GRAPH_OPTIONS,
      'callback-url': { type: 'string' },
      fields: { type: 'string' },
      override: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
  });
  if (positionals.length > 0)
    throw new UsageError(`setup takes options only, not "${positionals.join(' ')}". Run "wa-webhooks help".`);
  const callbackUrl = values['callback-url'];
  if (callbackUrl === undefined)
    throw new UsageError(
      'setup needs --callback-url, the https:// URL of your webhook route (e.g. https://example.com/webhook).',
    );
  const target = await graphTarget(values, io);
  if (target.verifyToken === undefined) {
    throw new UsageError(
      'setup needs the verify token your server checks (Meta sends it when it verifies the callback URL): set WHATSAPP_VERIFY_TOKEN or pass --verify-token.',
    );
  }
  const fields = values.fields
    ?.split(',')
    .map((field) => field.trim())
    .filter(Boolean);
  if (values.override === true && target.wabaIds.length === 0 && target.phoneNumberIds.length === 0) {
    throw new UsageError(
      '--override needs --waba-id (override on the WABA) or --phone-number-id (override on the phone number).',
    );
  }
  const options = {
    appId: target.appId,
    wabaIds: target.wabaIds,
    phoneNumberIds: target.phoneNumberIds,
    callbackUrl,
    verifyToken: target.verifyToken,
    fields,
    override: values.override === true,
  };
  const plan = await planSetup(target.graph, options);
  const label = { app: 'app', waba: 'WABA', 'phone-number': 'phone number' } as const;
  for (const change of plan.changes) {
    if (values['dry-run'] !== true) await applySetup(target.graph, { changes: [change], warnings: [] }, options);
    io.stdout(
      `${values['dry-run'] === true ? 'Would change' : 'Changed'} ${label[change.target]} ${change.id}: ${change.summary}\n`,
    );
  }
  const count = plan.changes.length;
  if (count === 0) io.stdout('No changes: the webhook setup already matches.\n');
  else
    io.stdout(
      values['dry-run'] === true
        ? `${count} change${count === 1 ? '' : 's'} to make (dry run: nothing was written).\n`
        : `${count} change${count === 1 ? '' : 's'}.\n`,
    );
  for (const warning of plan.warnings) io.stderr(`Warning: ${warning.message}\n`);
  return EXIT.OK;
}
