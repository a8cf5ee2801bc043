import { describe, expect, it } from 'vitest';
import { routingWarnings } from '../src/warnings';

const app = { where: 'App 1', url: 'https://example.com/webhook' };

describe('routingWarnings', () => {
  it('warns about template and account fields only when an override sends other fields elsewhere', () => {
    const fields = ['messages', 'message_template_status_update', 'account_update'];
    const elsewhere = routingWarnings(app, fields, [{ where: 'WABA 2 override', url: 'https://example.com/other' }]);
    expect(elsewhere.map((warning) => warning.code)).toEqual(['OVERRIDE_FIELDS']);
    expect(elsewhere[0]!.message).toBe(
      "message_template_status_update, account_update cannot follow an override: Meta always sends them to the app's callback URL https://example.com/webhook, not to https://example.com/other. Handle them there, or unsubscribe.",
    );
    // An override to the app's own URL changes nothing, so there is nothing to warn about.
    expect(routingWarnings(app, fields, [{ where: 'WABA 2 override', url: app.url }])).toEqual([]);
    expect(
      routingWarnings(app, ['messages', 'calls'], [{ where: 'WABA 2 override', url: 'https://example.com/other' }]),
    ).toEqual([]);
  });
});
