/**
 * Redaction of secrets from text that will be shown: Graph API answers, error messages, CLI output.
 * Matching is case-insensitive (an echo may change the case of a token) and also covers the
 * URL-encoded form (an app access token `{app-id}|{app-secret}` travels as `%7C`).
 */

/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted]';

/** Values shorter than this are not redacted: they would match ordinary words and numbers. */
const MIN_LENGTH = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Returns a function that replaces every occurrence of each of `secrets` (and of its URL-encoded form)
 * in a text with `[redacted]`, ignoring case. Redact a whole text before cutting it short, so that a
 * secret cut in two is never half shown.
 *
 * @example
 * ```ts
 * const redact = createRedactor([process.env.WHATSAPP_ACCESS_TOKEN]);
 * console.error(redact(errorBody).slice(0, 200));
 * ```
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const forms = [
    ...new Set(
      secrets.flatMap((secret) =>
        secret === undefined || secret.length < MIN_LENGTH ? [] : [secret, encodeURIComponent(secret)],
      ),
    ),
  ];
  if (forms.length === 0) return (text) => text;
  // Longest first, so that a secret containing another one is replaced whole.
  const pattern = new RegExp(
    forms
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|'),
    'gi',
  );
  return (text) => text.replace(pattern, REDACTED);
}
