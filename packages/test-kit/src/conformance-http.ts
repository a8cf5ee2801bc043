/**
 * How the conformance cases talk to a server and judge its answers: `fetch` for ordinary requests,
 * `node:http` (`sendRaw`) for what fetch cannot send, and one expectation per documented answer shape.
 */
import { SIGNATURE_HEADER } from '@wa-webhooks/core';
import { expect } from 'vitest';
import { sendRaw, type RawResponse } from './http';
import { signBody } from './signer';

const TEXT_TYPE = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** A corpus body whose wire form escapes é and `/`: re-serialising it changes its bytes. */
export const UNICODE_RAW_BODY = '_raw-bodies/messages-image-caption-unicode-escaped.raw.json';
/** The App Dashboard's legacy test body, byte for byte. */
export const DASHBOARD_RAW_BODY = '_raw-bodies/dashboard-test-text-legacy.raw.json';

/** A response reduced to what the cases compare. */
export interface Reply {
  readonly status: number;
  readonly body: string;
  header(name: string): string | undefined;
}

/** `fetch`, read to the end. */
export async function fetchReply(url: string, init?: RequestInit): Promise<Reply> {
  const response = await fetch(url, init);
  const body = await response.text();
  return { status: response.status, body, header: (name) => response.headers.get(name) ?? undefined };
}

/** A `sendRaw` response as a `Reply`. */
export function rawReply(response: RawResponse): Reply {
  return {
    status: response.status,
    body: response.body,
    header: (name) => {
      const value = response.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** POSTs `body` signed with the independent signer (`secret` defaults to the conformance app secret). */
export function signedPost(
  url: string,
  body: string | Uint8Array,
  options: { secret?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return fetchReply(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: signBody(body, options.secret),
      ...options.headers,
    },
    body,
  });
}

/** Splits `body` into pieces of `size` bytes for a chunked upload. */
function pieces(body: string | Uint8Array, size: number): Uint8Array[] {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.byteLength; offset += size) out.push(bytes.subarray(offset, offset + size));
  return out;
}

/** Sends a signed body with `node:http`, with Content-Length or (by default) chunked without it. */
export async function sendSigned(
  url: string,
  body: string,
  mode: 'chunked' | 'content-length',
  pieceSize = 64 * 1024,
): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(body) };
  if (mode === 'chunked') headers['transfer-encoding'] = 'chunked';
  else headers['content-length'] = String(Buffer.byteLength(body));
  return rawReply(await sendRaw(url, { method: 'POST', headers, chunks: pieces(body, pieceSize) }));
}

/** The body as JSON when it is JSON, else as text. */
export function parsed(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** 200, `text/plain`, empty body: a notification accepted. */
export function expectAccepted(reply: Reply): void {
  expect({ status: reply.status, contentType: reply.header('content-type'), body: reply.body }).toEqual({
    status: 200,
    contentType: TEXT_TYPE,
    body: '',
  });
}

/** 200, `text/plain`, the challenge byte for byte: a handshake verified. */
export function expectChallenge(reply: Reply, challenge: string): void {
  expect({ status: reply.status, contentType: reply.header('content-type'), body: reply.body }).toEqual({
    status: 200,
    contentType: TEXT_TYPE,
    body: challenge,
  });
}

/** `status`, JSON, `{"error":{"code","message"}}` with `code`. */
export function expectError(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, contentType: reply.header('content-type'), body: parsed(reply.body) }).toEqual({
    status,
    contentType: JSON_TYPE,
    body: { error: { code, message: expect.stringMatching(/\S/) } },
  });
}

/** A handshake query string. */
export function handshakeQuery(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}
