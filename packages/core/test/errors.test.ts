import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  DedupeStoreError,
  EventInProgressError,
  HandlerError,
  HandshakeError,
  isWebhookError,
  PayloadTooLargeError,
  RawBodyUnavailableError,
  RequestError,
  SignatureError,
  WEBHOOK_ERROR_STATUS,
  WebhookError,
} from '../src/index';
import { errorResponse } from '../src/respond';

describe('errors', () => {
  it.each([
    [new SignatureError('SIGNATURE_MISSING', 'm'), 'SignatureError', 401],
    [new SignatureError('SIGNATURE_MALFORMED', 'm'), 'SignatureError', 401],
    [new SignatureError('SIGNATURE_MISMATCH', 'm'), 'SignatureError', 401],
    [new HandshakeError('HANDSHAKE_INVALID', 'm'), 'HandshakeError', 400],
    [new HandshakeError('VERIFY_TOKEN_MISMATCH', 'm'), 'HandshakeError', 403],
    [new RequestError('METHOD_NOT_ALLOWED', 'm'), 'RequestError', 405],
    [new RequestError('UNSUPPORTED_MEDIA_TYPE', 'm'), 'RequestError', 415],
    [new PayloadTooLargeError(10), 'PayloadTooLargeError', 413],
    [new RequestError('INVALID_JSON', 'm'), 'RequestError', 400],
    [new RequestError('BODY_READ_FAILED', 'm'), 'RequestError', 400],
    [new RawBodyUnavailableError('m'), 'RawBodyUnavailableError', 500],
    [new HandlerError('m', { errors: [], events: [] }), 'HandlerError', 500],
    [new EventInProgressError(['a']), 'EventInProgressError', 503],
    [new DedupeStoreError('m'), 'DedupeStoreError', 500],
    [new RequestError('BODY_BUDGET_EXCEEDED', 'm'), 'RequestError', 503],
  ])('%s has name %s and status %i', (error, name, status) => {
    expect(error).toBeInstanceOf(WebhookError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.status).toBe(status);
    expect(WEBHOOK_ERROR_STATUS[error.code as keyof typeof WEBHOOK_ERROR_STATUS]).toBe(status);
    expect(isWebhookError(error)).toBe(true);
  });

  it('a programmer error carries a string code and no HTTP status: it is thrown at start, never answered', () => {
    const error = new ConfigurationError('m');
    expect(error.code).toBe('CONFIGURATION_INVALID');
    expect(error.status).toBeUndefined();
    expect(isWebhookError(error)).toBe(true);
    expect(Object.keys(WEBHOOK_ERROR_STATUS)).not.toContain('CONFIGURATION_INVALID');
  });

  it.each(Object.entries(WEBHOOK_ERROR_STATUS))('%s answers status %i with the JSON error shape', (code, status) => {
    const response = errorResponse(
      new WebhookError(code as keyof typeof WEBHOOK_ERROR_STATUS, 'details for the client'),
    );
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(response.body) as { error: { code: string; message: string } };
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error)).toEqual(['code', 'message']);
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
  });

  it('does not expose internal messages of 500s', () => {
    const body = JSON.parse(errorResponse(new WebhookError('INTERNAL_ERROR', 'secret stack detail')).body);
    expect(body.error.message).not.toContain('secret stack detail');
  });

  it('recognises errors of another copy of the library by their brand', () => {
    const foreign = new Error('from another copy');
    Object.defineProperty(foreign, Symbol.for('wa-webhooks.error'), { value: true });
    expect(isWebhookError(foreign)).toBe(true);
    expect(isWebhookError(new Error('plain'))).toBe(false);
    expect(isWebhookError(null)).toBe(false);
    expect(isWebhookError({ code: 'SIGNATURE_MISMATCH' })).toBe(false);
  });

  it('keeps the cause', () => {
    const cause = new Error('root');
    expect(new DedupeStoreError('m', { cause }).cause).toBe(cause);
    expect(new HandlerError('m', { errors: [cause], events: [] }).cause).toBe(cause);
  });
});
