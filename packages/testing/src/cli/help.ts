/**
 * The help of `wa-webhooks`: an overview (`wa-webhooks help`) and one page per command
 * (`wa-webhooks help <command>`, `wa-webhooks <command> --help` or `-h`).
 */
import { DEFAULT_GRAPH_API_VERSION } from '@wa-webhooks/setup';
import { DEV_APP_SECRET, DEV_VERIFY_TOKEN } from '../dev-secrets';
import { DEFAULT_URL } from './io';

/** The commands, in the order the overview lists them. */
export const COMMANDS = ['send', 'kinds', 'handshake', 'setup', 'status', 'flows', 'help'] as const;

/** One of `COMMANDS`. */
export type Command = (typeof COMMANDS)[number];

const SECRETS = `Secrets and tokens: prefer the environment variables, or a file with --<option>-file <path> (the file
holds the value alone; "-" reads it from standard input, e.g. --secret-file - < secret.txt). A value given
as a flag (--secret, --token, …) is part of the command line, which every user of this machine can read
with ps while the command runs, and which your shell may keep in its history. Nothing wa-webhooks prints
ever contains a secret or token.`;

const EXIT_CODES = `Exit codes:
  0  every request was answered 200 / the handshake would verify
  1  the server answered, but not as Meta needs (non-200, handshake failure); setup/status: the Graph API answered an error
  2  usage or input error (unknown command, option or kind, bad number, unreadable or invalid JSON file, invalid URL, missing token)
  3  no answer (nothing listens at the URL, timeout, TLS failure, Graph API unreachable)`;

const GRAPH_OPTIONS = `  --app-id <id>                 the app id (App Dashboard → App settings → Basic)
  --waba-id <id>                a WhatsApp Business Account id; repeat (or comma-separate) for several
  --phone-number-id <id>        a business phone number id; repeat (or comma-separate) for several
  --access-token-file <path|->  system user token with whatsapp_business_management (default: $WHATSAPP_ACCESS_TOKEN)
  --app-secret-file <path|->    app secret, for the app access token app subscriptions need (default: $WHATSAPP_APP_SECRET)
  --verify-token-file <path|->  the verify token your server checks (default: $WHATSAPP_VERIFY_TOKEN)
  --access-token, --app-secret, --verify-token <value>
                                the same as flags (visible in ps: see below)
  --graph-url <url>             Graph API base URL (default: $WHATSAPP_GRAPH_URL, else https://graph.facebook.com)
  --api-version <version>       Graph API version (default ${DEFAULT_GRAPH_API_VERSION})`;

/** The pages in this file; `flows` keeps its page next to its code (`flows-command.ts`, loaded on demand). */
const PAGES: Readonly<Record<Exclude<Command, 'flows'>, string>> = {
  send: `wa-webhooks send <kind|file.json> [options]: sign a notification like Meta and POST it.

A <kind> is a name from "wa-webhooks kinds" (text, button_reply, delivered, message_template_status_update, …)
or its event name (messages.text, statuses.delivered, …). "unknown_type" sends a message of a type no schema
knows yet, which @wa-webhooks/core answers 200 and hands to onUnknown. A file is sent byte for byte.

Options:
  --url <url>            webhook URL (default ${DEFAULT_URL})
  --secret-file <path|-> app secret to sign with (default: $WHATSAPP_APP_SECRET, else the public
                         development secret "${DEV_APP_SECRET}" of the wa-webhooks examples)
  --secret <secret>      the same as a flag (visible in ps: see below)
  --batch <n>            events per request, 1-1000 (kinds only; default 1)
  --repeat <n>           number of requests (default 1); each kind request gets fresh ids
  --duplicate            send every request twice, byte for byte, as Meta sometimes does: a receiver that
                         deduplicates answers both 200 and runs its handlers once
  --concurrency <n>      requests in flight at a time (default 1)
  --escaping <mode>      meta (default): escape "/" and non-ASCII like Meta's wire format; none: plain JSON
  --timeout <ms>         give up on a request after this long (default 10000)
  --quiet                print only failed requests and the summary

${SECRETS}`,
  kinds: `wa-webhooks kinds [--json]: list the built-in notification kinds (name, event name, description).

Options:
  --json    print them as JSON`,
  handshake: `wa-webhooks handshake [options]: send the GET verification request Meta sends when you save the
callback URL, and say whether Meta would accept the answer (and why not). Then check that a wrong token is
refused. The token is shown as hub.verify_token=*** in everything printed.

Options:
  --url <url>             webhook URL (default ${DEFAULT_URL})
  --token-file <path|->   verify token (default: $WHATSAPP_VERIFY_TOKEN, else the public development token
                          "${DEV_VERIFY_TOKEN}" of the wa-webhooks examples)
  --token <token>         the same as a flag (visible in ps: see below)
  --challenge <text>      hub.challenge to send (default: a random 10-digit number, as Meta sends)
  --timeout <ms>          give up after this long (default 10000)

${SECRETS}`,
  setup: `wa-webhooks setup --app-id <id> --waba-id <id> --callback-url <url> [options]: subscribe the app and its
WABAs through the Graph API, and set or remove callback overrides. Only what differs is written; a second
run prints "No changes".

Options:
  --callback-url <url>          where notifications go: https, reachable from the internet
  --fields <a,b,…>              the app's fields, exactly (default: keep them; "messages" for a new subscription)
  --override                    make the callback URL an override of the WABAs, or of the --phone-number-id
                                numbers, and keep the app's callback URL (overrides carry messages, calls,
                                history, smb_* and group_* fields, never template or account fields). Without
                                it, overrides on the given WABAs and numbers are removed: run --dry-run first
  --dry-run                     print the changes without making them
${GRAPH_OPTIONS}

${SECRETS}`,
  status: `wa-webhooks status --app-id <id> [--waba-id <id>] [options]: show where notifications go today (the
app, each WABA, each phone number), and warn about the traps: non-https callbacks, fields an override cannot
carry, a callback that refuses the verify token, and subscribed fields no handler listens to.

Options:
  --config <module>             a .ts or .js module that exports your webhooks object (export const webhooks =
                                createWebhooks(…)): warns about subscribed fields no handler listens to
${GRAPH_OPTIONS}

${SECRETS}`,
  help: `wa-webhooks help [command]: this overview, or the help of one command (also: wa-webhooks <command> --help).`,
};

const OVERVIEW = `wa-webhooks: send signed WhatsApp webhook notifications to your server, like Meta does, and set up
Meta's side (callback URL, fields, WABA subscriptions, overrides) without the App Dashboard.

Usage:
  wa-webhooks send <kind|file.json> [options]   sign and POST a notification
  wa-webhooks kinds [--json]                    list the built-in kinds
  wa-webhooks handshake [options]               check the GET verification the way Meta does it
  wa-webhooks setup --app-id <id> --waba-id <id> --callback-url <url> [options]
                                                subscribe the app and its WABAs (Graph API), only what differs
  wa-webhooks status --app-id <id> [--waba-id <id>] [options]
                                                show where notifications go, and warn about the traps
  wa-webhooks flows <keygen|upload-key|send>    WhatsApp Flows data endpoint: key pair, key upload, test requests
  wa-webhooks help [command]                    this help, or a command's (also: <command> --help)

${SECRETS}

${EXIT_CODES}
`;

/** Whether `name` is a command. */
export function isCommand(name: string): name is Command {
  return (COMMANDS as readonly string[]).includes(name);
}

/** The commands as the error messages list them: "send, kinds, …, help". */
export const COMMAND_LIST = COMMANDS.join(', ');

/** The overview, or the page of `command`. */
export async function helpText(command?: Command): Promise<string> {
  if (command === undefined) return OVERVIEW;
  if (command !== 'flows') return `${PAGES[command]}\n\n${EXIT_CODES}\n`;
  // The Flows code (and its page) loads on demand: the other commands start without it.
  const { FLOWS_HELP } = await import('./flows-command');
  return `${FLOWS_HELP}\n${SECRETS}\n\n${EXIT_CODES}\n`;
}

/**
 * Whether `args` of `command` ask for help: `--help` or `-h` before any `--`; for `flows`, also no
 * subcommand or `flows help`.
 */
export function asksForHelp(command: Command, args: readonly string[]): boolean {
  if (command === 'flows' && (args.length === 0 || args[0] === 'help')) return true;
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}
