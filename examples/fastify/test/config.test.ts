import { describe, expect, it } from 'vitest';
import { readConfig, startBanner } from '../src/config';

describe('readConfig', () => {
  it('uses development defaults for unset or empty variables, and says which', () => {
    expect(readConfig({ WHATSAPP_VERIFY_TOKEN: '' })).toEqual({
      appSecret: 'dev-app-secret',
      verifyToken: 'dev-verify-token',
      host: '127.0.0.1',
      port: 3000,
      defaulted: ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'],
    });
  });

  it('reads every variable of .env.example', () => {
    const env = { WHATSAPP_APP_SECRET: 's3cret', WHATSAPP_VERIFY_TOKEN: 'tok', PORT: '8080', HOST: '0.0.0.0' };
    expect(readConfig(env)).toEqual({ appSecret: 's3cret', verifyToken: 'tok', host: '0.0.0.0', port: 8080, defaulted: [] });
  });

  it('refuses a PORT that is not a port number', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrowError(RangeError);
  });
});

describe('startBanner', () => {
  it('warns about development defaults and prints the plain CLI line on the default URL', () => {
    const banner = startBanner(readConfig({}), 'http://127.0.0.1:3000/webhook', 'Test');
    expect(banner.warning).toMatch(/never use them in production/);
    expect(banner.lines[2]).toMatch(/^Send a message: pnpm exec wa-webhooks send text {3}\(/);
  });

  it('does not print secrets, and adds --url and --secret when they differ from the defaults', () => {
    const banner = startBanner(readConfig({ WHATSAPP_APP_SECRET: 's3cret', WHATSAPP_VERIFY_TOKEN: 'tok' }), 'http://127.0.0.1:8080/webhook', 'Test');
    expect(banner.warning).toBeUndefined();
    expect(banner.lines.join('\n')).not.toMatch(/s3cret|tok\b/);
    expect(banner.lines[1]).toContain('hub.verify_token=$WHATSAPP_VERIFY_TOKEN');
    expect(banner.lines[2]).toContain('pnpm exec wa-webhooks send text --url http://127.0.0.1:8080/webhook --secret "$WHATSAPP_APP_SECRET"');
  });
});
