/**
 * Reading the private key text users paste into an environment variable, and telling them precisely
 * what is wrong with it. Shared by both crypto builds; no `node:` imports.
 */
import { FlowConfigurationError } from '../errors';

/** The private key formats the endpoint reads. */
export type PrivateKeyFormat = 'pkcs1' | 'pkcs1-encrypted' | 'pkcs8' | 'pkcs8-encrypted';

/** A private key block found in PEM text. */
export interface PemPrivateKey {
  /** The block as canonical PEM text: real newlines, 64-character lines, headers kept. */
  readonly pem: string;
  /** Which format the block is in. */
  readonly format: PrivateKeyFormat;
  /** The block's `Key: value` headers (legacy OpenSSL encryption puts `Proc-Type` and `DEK-Info` there). */
  readonly headers: Readonly<Record<string, string>>;
  /** The base64 body of the block, without whitespace. */
  readonly body: string;
}

// Tolerant of a PEM flattened to one line (some secret stores turn newlines into spaces).
const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\s*([\s\S]*?)\s*-----END \1-----/g;

/**
 * Undoes what environment variables and secret stores do to PEM text: `\n` written as two characters,
 * CRLF line ends, surrounding quotes or spaces, and the whole file base64-encoded once more (as some
 * hosts require for multi-line secrets).
 */
export function normalisePem(input: string): string {
  let text = input.trim();
  if (/^(["']).*\1$/s.test(text)) text = text.slice(1, -1).trim();
  // secret-compare-ok: looks for line breaks and PEM markers, whose positions are public structure.
  if (!text.includes('\n') && text.includes('\\n')) text = text.replace(/\\r\\n|\\n/g, '\n');
  text = text.replace(/\r\n?/g, '\n');
  // secret-compare-ok: looks for the public PEM marker, not at the key material.
  if (!text.includes('-----BEGIN') && /^[A-Za-z0-9+/=\s]+$/.test(text)) {
    try {
      const decoded = atob(text.replace(/\s+/g, ''));
      // secret-compare-ok: looks for the public PEM marker, not at the key material.
      if (decoded.includes('-----BEGIN')) return normalisePem(decoded);
    } catch {
      // not base64: reported below as "no PEM block"
    }
  }
  return text;
}

function describeOther(labels: readonly string[]): string {
  if (labels.some((label) => label.includes('PUBLIC KEY') || label === 'CERTIFICATE')) {
    return 'It holds a public key: pass the private key here, and upload the public key to Meta (wa-webhooks flows upload-key).';
  }
  if (labels.some((label) => label.startsWith('EC ') || label === 'OPENSSH PRIVATE KEY')) {
    return `It holds a ${labels.join(', ')} block: Flows need an RSA key (create one with wa-webhooks flows keygen).`;
  }
  return labels.length === 0
    ? 'No PEM block was found: expected text starting with "-----BEGIN RSA PRIVATE KEY-----" or "-----BEGIN PRIVATE KEY-----".'
    : `It holds ${labels.join(', ')}, not a private key.`;
}

function parseHeaders(content: string): { headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  const lines = content.split('\n');
  let index = 0;
  for (; index < lines.length; index++) {
    const match = /^([A-Za-z-]+):\s*(.*)$/.exec(lines[index]!);
    if (match === null) break;
    headers[match[1]!] = match[2]!.trim();
  }
  return { headers, body: lines.slice(index).join('').replace(/\s+/g, '') };
}

function toPem(label: string, headers: Readonly<Record<string, string>>, body: string): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  if (lines.length > 0) lines.push('');
  for (let offset = 0; offset < body.length; offset += 64) lines.push(body.slice(offset, offset + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Finds the private key block of `input` and its format. Throws a `FlowConfigurationError` naming the
 * problem (a public key, an EC key, no PEM at all, a body that is not base64).
 */
export function readPemPrivateKey(input: unknown): PemPrivateKey {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new FlowConfigurationError(
      'PRIVATE_KEY_INVALID',
      'createFlowEndpoint: privateKey is required: the PEM text of your Flows private key (wa-webhooks flows keygen creates one).',
    );
  }
  const text = normalisePem(input);
  const labels: string[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const label = match[1]!;
    labels.push(label);
    const format: PrivateKeyFormat | undefined =
      label === 'RSA PRIVATE KEY'
        ? 'pkcs1'
        : label === 'PRIVATE KEY'
          ? 'pkcs8'
          : label === 'ENCRYPTED PRIVATE KEY'
            ? 'pkcs8-encrypted'
            : undefined;
    if (format === undefined) continue;
    const { headers, body } = parseHeaders(match[2]!);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
      throw new FlowConfigurationError(
        'PRIVATE_KEY_INVALID',
        'createFlowEndpoint: the private key PEM is damaged (its body is not base64). Copy the whole file again, with its BEGIN and END lines.',
      );
    }
    const encrypted = format === 'pkcs1' && /ENCRYPTED/i.test(headers['Proc-Type'] ?? '');
    return { pem: toPem(label, headers, body), format: encrypted ? 'pkcs1-encrypted' : format, headers, body };
  }
  throw new FlowConfigurationError(
    'PRIVATE_KEY_INVALID',
    `createFlowEndpoint: privateKey is not a PEM private key. ${describeOther(labels)}`,
  );
}

/** Whether the format needs a passphrase. */
export function isEncryptedFormat(format: PrivateKeyFormat): boolean {
  return format === 'pkcs1-encrypted' || format === 'pkcs8-encrypted';
}

/** The error for an encrypted key without a passphrase. */
export function passphraseMissing(): FlowConfigurationError {
  return new FlowConfigurationError(
    'PASSPHRASE_MISSING',
    'createFlowEndpoint: the private key is encrypted: pass its passphrase as the `passphrase` option.',
  );
}

/** The error for a passphrase that does not decrypt the key. */
export function passphraseWrong(cause?: unknown): FlowConfigurationError {
  return new FlowConfigurationError(
    'PASSPHRASE_WRONG',
    'createFlowEndpoint: the passphrase does not decrypt the private key. Check the `passphrase` option (and that it belongs to this key).',
    cause === undefined ? undefined : { cause },
  );
}

/** Meta documents 2048-bit keys; anything smaller is refused at start. */
export const MIN_MODULUS_BITS = 2048;

/** Throws when the modulus is too small. */
export function checkModulus(bits: number): void {
  if (bits < MIN_MODULUS_BITS) {
    throw new FlowConfigurationError(
      'PRIVATE_KEY_INVALID',
      `createFlowEndpoint: the private key has ${bits} bits; use an RSA key of at least ${MIN_MODULUS_BITS} bits (Meta documents 2048; wa-webhooks flows keygen creates one).`,
    );
  }
}
