/**
 * The data endpoint of the two-screen booking Flow in `flow.json`: INIT returns the first screen with
 * the departments, APPOINTMENT's data_exchange returns DETAILS with a summary, DETAILS' data_exchange
 * books and closes the Flow. A flow token that already booked is refused with 427. The zod schemas are
 * the `payload` of each screen's Footer in `flow.json` (a test checks that they agree).
 */
import { createFlowEndpoint, InvalidFlowTokenError, type FlowEndpoint } from '@wa-webhooks/flows';
import { z } from 'zod';

/** What each screen sends with data_exchange. */
export const screens = {
  APPOINTMENT: z.object({ department: z.string(), date: z.string() }),
  DETAILS: z.object({ name: z.string(), email: z.string() }),
};

const DEPARTMENTS = [
  { id: 'shop', title: 'Shop' },
  { id: 'clinic', title: 'Clinic' },
  { id: 'workshop', title: 'Workshop' },
];

const summary = (choice: { department: string; date: string }) =>
  `${DEPARTMENTS.find((item) => item.id === choice.department)?.title ?? choice.department} on ${choice.date}`;

/** The example's settings that the endpoint needs. */
export interface FlowsSettings {
  readonly privateKey: string;
  readonly passphrase: string | undefined;
  readonly appSecret: string;
}

/** A booking, as the example keeps it (in memory: a real app uses its database). */
export interface Booking {
  readonly id: string;
  readonly department: string;
  readonly date: string;
  readonly name: string;
  readonly email: string;
}

/**
 * Builds the endpoint. `log` gets one line per request the handlers saw, without personal data or
 * flow tokens (the server passes `console.log`); `bookings` is where completed bookings go.
 */
export function createExampleFlows(
  settings: FlowsSettings,
  log: (line: string) => void,
  bookings = new Map<string, Booking>(),
): FlowEndpoint<typeof screens> {
  const flows = createFlowEndpoint({ ...settings, screens });
  // What the user chose on APPOINTMENT, per flow token, until DETAILS completes the booking.
  const chosen = new Map<string, { department: string; date: string }>();
  const appointment = (extra: Record<string, unknown> = {}) => ({
    screen: 'APPOINTMENT',
    data: { departments: DEPARTMENTS, min_date: new Date().toISOString().slice(0, 10), ...extra },
  });
  const tokenOf = (token: string | undefined): string => {
    if (token === undefined) throw new InvalidFlowTokenError('This booking link is not valid. Ask us for a new one.');
    if (bookings.has(token)) throw new InvalidFlowTokenError('You have already booked this appointment.');
    return token;
  };

  flows.on('INIT', (request) => {
    tokenOf(request.flowToken);
    log('INIT → APPOINTMENT');
    return appointment();
  });

  flows.on('data_exchange', 'APPOINTMENT', (request) => {
    const department = DEPARTMENTS.find((item) => item.id === request.data.department);
    if (department === undefined) {
      return appointment({ error_message: 'Please choose a department.' });
    }
    chosen.set(tokenOf(request.flowToken), { department: department.id, date: request.data.date });
    log(`APPOINTMENT → DETAILS (${department.id})`);
    return { screen: 'DETAILS', data: { summary: summary({ department: department.id, date: request.data.date }) } };
  });

  flows.on('data_exchange', 'DETAILS', (request) => {
    const token = tokenOf(request.flowToken);
    const choice = chosen.get(token);
    if (choice === undefined) throw new InvalidFlowTokenError('This booking has expired. Please start again.');
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(request.data.email)) {
      // error_message shows an error on the screen (Meta: "Data exchange request", error message).
      return {
        screen: 'DETAILS',
        data: {
          summary: summary(choice),
          error_message: 'Please enter a valid email address.',
        },
      };
    }
    const booking = { id: `B-${bookings.size + 1}`, ...choice, name: request.data.name, email: request.data.email };
    bookings.set(token, booking);
    chosen.delete(token);
    log(`DETAILS → SUCCESS (booking ${booking.id})`);
    // The params reach your webhook in the completion message (nfm_reply.response_json).
    return request.complete({ booking_id: booking.id });
  });

  flows.on('BACK', (request) => {
    // BACK reaches the endpoint only from a screen with refresh_on_back: true; flow.json has none, so
    // this handler only shows the shape.
    log(`BACK → ${request.screen ?? 'APPOINTMENT'}`);
    return appointment();
  });

  flows.onErrorNotification((notification) => {
    log(`error notification on ${notification.screen ?? 'a screen'}: ${notification.error}`);
  });
  flows.onError((error) => {
    log(`error ${error.code}: ${error.message}`);
  });
  return flows;
}
