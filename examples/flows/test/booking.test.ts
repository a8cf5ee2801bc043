/**
 * The booking Flow end to end against the example app on a real server on 127.0.0.1, with requests
 * encrypted and signed as WhatsApp does (the `@wa-webhooks/testing` client the `wa-webhooks flows send`
 * command uses): health check, INIT, both screens, a refused email, completion, a second INIT with the
 * same flow token (427), and an error notification.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import {
  generateFlowKeyPair,
  sendFlowRequest,
  buildFlowRequest,
  type FlowRequestAction,
  type FlowRequestOptions,
} from '@wa-webhooks/testing';
import { listen } from '@wa-webhooks/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { createExampleFlows, type Booking } from '../src/flows';

const SECRET = 'example-flows-secret';
const keys = generateFlowKeyPair({ passphrase: 'example passphrase' });
const log: string[] = [];
const bookings = new Map<string, Booking>();
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const flows = createExampleFlows(
    { privateKey: keys.privateKey, passphrase: 'example passphrase', appSecret: SECRET },
    (line) => void log.push(line),
    bookings,
  );
  const server = await listen(createServer(createApp(flows)));
  url = `${server.origin}/flows`;
  close = server.close;
});
afterAll(() => close?.());

/** The data keys each screen declares in flow.json. */
const declared = new Map(
  (
    JSON.parse(readFileSync(new URL('../src/flow.json', import.meta.url), 'utf8')) as {
      screens: { id: string; data?: object }[];
    }
  ).screens.map((screen) => [screen.id, Object.keys(screen.data ?? {})]),
);

/** Checks that an answer navigates to a screen of flow.json with only the data it declares (and error_message). */
function expectDeclared(answer: unknown): void {
  const { screen, data } = answer as { screen: string; data: object };
  if (screen === 'SUCCESS') return;
  expect(declared.has(screen), screen).toBe(true);
  expect([...declared.get(screen)!, 'error_message']).toEqual(expect.arrayContaining(Object.keys(data)));
}

const send = (action: FlowRequestAction, options: FlowRequestOptions = {}) =>
  sendFlowRequest(url, buildFlowRequest(action, options), { publicKey: keys.publicKey, secret: SECRET });

describe('the booking Flow', () => {
  it('answers the health check', async () => {
    expect((await send('ping')).answer).toEqual({ version: '3.0', data: { status: 'active' } });
  });

  it('books an appointment across both screens and closes the Flow with the booking id', async () => {
    const init = await send('INIT', { flowToken: 'user-1' });
    expect(init.answer).toMatchObject({
      screen: 'APPOINTMENT',
      data: { departments: expect.arrayContaining([{ id: 'clinic', title: 'Clinic' }]) },
    });
    const details = await send('data_exchange', {
      flowToken: 'user-1',
      screen: 'APPOINTMENT',
      data: { department: 'clinic', date: '2030-05-01' },
    });
    expect(details.answer).toEqual({ version: '3.0', screen: 'DETAILS', data: { summary: 'Clinic on 2030-05-01' } });
    const refused = await send('data_exchange', {
      flowToken: 'user-1',
      screen: 'DETAILS',
      data: { name: 'Ada', email: 'not-an-email' },
    });
    expect(refused.answer).toMatchObject({
      screen: 'DETAILS',
      data: { error_message: 'Please enter a valid email address.' },
    });
    const done = await send('data_exchange', {
      flowToken: 'user-1',
      screen: 'DETAILS',
      data: { name: 'Ada', email: 'ada@example.com' },
    });
    expect(done.answer).toEqual({
      version: '3.0',
      screen: 'SUCCESS',
      data: { extension_message_response: { params: { flow_token: 'user-1', booking_id: 'B-1' } } },
    });
    for (const answer of [init.answer, details.answer, refused.answer, done.answer]) expectDeclared(answer);
    expect(bookings.get('user-1')).toEqual({
      id: 'B-1',
      department: 'clinic',
      date: '2030-05-01',
      name: 'Ada',
      email: 'ada@example.com',
    });
    expect(log).toEqual(['INIT → APPOINTMENT', 'APPOINTMENT → DETAILS (clinic)', 'DETAILS → SUCCESS (booking B-1)']);
  });

  it('refuses the flow token of a completed booking with 427 and a message for the user', async () => {
    const again = await send('INIT', { flowToken: 'user-1' });
    expect(again.status).toBe(427);
    expect(again.userMessage).toBe('You have already booked this appointment.');
  });

  it('acknowledges an error notification and logs it', async () => {
    expect((await send('error', { screen: 'DETAILS', flowToken: 'user-2' })).answer).toEqual({
      version: '3.0',
      data: { acknowledged: true },
    });
    expect(log.at(-1)).toBe('error notification on DETAILS: INVALID_SCREEN');
  });

  it('never logs personal data or flow tokens', () => {
    expect(log.join('\n')).not.toMatch(/Ada|example\.com|user-1|user-2/);
  });
});
