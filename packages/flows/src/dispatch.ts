/**
 * From a decrypted request to the answer's JSON: the health check and error notifications answered
 * here, actions routed to the user's handler (by action and screen), screen data validated by the
 * screen's schema, the handler raced against `handlerTimeout`, and its result checked before it is
 * encrypted. Answers echo the request's `version`, as Meta's example endpoint does.
 */
import { FlowConfigurationError, FlowEndpointError, InvalidScreenDataError, isFlowEndpointError } from './errors';
import type { DecryptedRequest } from './payload';
import { issuePath, type ScreenSchemas } from './schema';
import type { FlowAction, FlowErrorNotificationHandler, FlowHandler, FlowResponse } from './types';

/** The registered handlers. Keys: `action`, or `action` + NUL + `screen` for a screen's own handler. */
export interface Registry {
  readonly handlers: Map<string, FlowHandler<never>>;
  notificationHandlers: readonly FlowErrorNotificationHandler[];
}

/** What dispatching needs from the endpoint. */
export interface DispatchContext {
  readonly registry: Registry;
  readonly screens: ScreenSchemas | undefined;
  readonly handlerTimeout: number | false;
  /** Told about failures of error-notification handlers (the notification is acknowledged anyway). */
  readonly report: (error: FlowEndpointError) => void;
}

const ACTIONS: ReadonlySet<string> = new Set<FlowAction>(['INIT', 'data_exchange', 'BACK']);

/** The registry key of a handler. */
export function handlerKey(action: string, screen?: string): string {
  return screen === undefined ? action : `${action}\u0000${screen}`;
}

/** Adds a handler to the registry (`flows.on`), refusing a second one for the same action and screen. */
export function registerHandler(
  registry: Registry,
  action: string,
  screenOrHandler: unknown,
  maybeHandler?: unknown,
): void {
  const screen = typeof screenOrHandler === 'string' ? screenOrHandler : undefined;
  const handler = screen === undefined ? screenOrHandler : maybeHandler;
  const invalid = (message: string) => new FlowConfigurationError('CONFIGURATION_INVALID', `flows.on: ${message}`);
  if (!ACTIONS.has(action))
    throw invalid(`the action must be INIT, data_exchange or BACK; got ${JSON.stringify(action)}.`);
  if (screen !== undefined && action === 'INIT') throw invalid('INIT has no screen; register it without one.');
  if (typeof handler !== 'function') throw invalid('the handler must be a function.');
  const key = handlerKey(action, screen);
  if (registry.handlers.has(key)) {
    const what = screen === undefined ? action : `${action} for screen ${JSON.stringify(screen)}`;
    throw invalid(`${what} already has a handler; one request has one answer.`);
  }
  registry.handlers.set(key, handler as FlowHandler<never>);
}

// Meta's guide shows answers as `{ screen, data }` (and `{ data }` for the health check and error
// notifications) without `version`; its example endpoint (WhatsApp-Flows-Tools,
// examples/endpoint/nodejs/basic/src/flow.js) echoes the request's `version` in every answer. The docs
// are silent on whether it is required; echoing it satisfies both readings.
function withVersion(version: string, answer: Record<string, unknown>): Record<string, unknown> {
  return version === '' ? answer : { version, ...answer };
}

/** The answer that closes the Flow: `SUCCESS` with `extension_message_response.params`. */
export function completion(
  flowToken: string | undefined,
  params: Readonly<Record<string, unknown>> = {},
): FlowResponse {
  const withToken = flowToken === undefined ? { ...params } : { flow_token: flowToken, ...params };
  return { screen: 'SUCCESS', data: { extension_message_response: { params: withToken } } };
}

async function validateScreenData(screens: ScreenSchemas, screen: string | undefined, data: unknown): Promise<unknown> {
  if (screen === undefined || !Object.hasOwn(screens, screen)) {
    throw new FlowEndpointError(
      'UNDECLARED_SCREEN',
      `A data_exchange came from screen ${JSON.stringify(screen ?? '')}, which has no schema in \`screens\`. Add one (z.unknown() accepts anything).`,
    );
  }
  const result = await screens[screen]!['~standard'].validate(data);
  if (result.issues !== undefined) {
    throw new InvalidScreenDataError(
      screen,
      result.issues.map((issue) => ({ path: issuePath(issue), message: issue.message })),
    );
  }
  return result.value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkResponse(result: unknown): { screen: string; data: Record<string, unknown> } {
  if (!isPlainObject(result) || typeof result.screen !== 'string' || result.screen === '') {
    throw new FlowEndpointError(
      'INVALID_HANDLER_RESPONSE',
      "A Flows handler must return { screen, data }: the next screen's id and its data (or request.complete(params) to close the Flow).",
    );
  }
  if (result.data !== undefined && !isPlainObject(result.data)) {
    throw new FlowEndpointError('INVALID_HANDLER_RESPONSE', 'The data a Flows handler returns must be an object.');
  }
  return { screen: result.screen, data: result.data ?? {} };
}

/** Runs `work`, or gives up with 500 `HANDLER_TIMEOUT` after `timeout` ms (the work keeps running). */
async function withTimeout<T>(
  work: Promise<T>,
  timeout: number | false,
  waitUntil: ((promise: Promise<unknown>) => void) | undefined,
): Promise<T> {
  if (timeout === false) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      // Isolate runtimes cancel what the response no longer waits for, unless it is handed to waitUntil.
      waitUntil?.(work.catch(() => undefined));
      reject(
        new FlowEndpointError(
          'HANDLER_TIMEOUT',
          `The Flows handler did not answer within ${timeout} ms. Meta asks for answers in under a second; move slow work out of the handler.`,
        ),
      );
    }, timeout);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

async function runHandler(
  context: DispatchContext,
  request: Extract<DecryptedRequest, { kind: 'action' }>,
  waitUntil: ((promise: Promise<unknown>) => void) | undefined,
): Promise<Record<string, unknown>> {
  const { action, screen, flowToken } = request;
  if (!ACTIONS.has(action)) {
    throw new FlowEndpointError(
      'UNSUPPORTED_ACTION',
      `The action ${JSON.stringify(action.slice(0, 40))} is not one the endpoint knows.`,
    );
  }
  const handler =
    (screen === undefined ? undefined : context.registry.handlers.get(handlerKey(action, screen))) ??
    context.registry.handlers.get(action);
  if (handler === undefined) {
    throw new FlowEndpointError(
      'NO_HANDLER',
      `No handler answers ${action}${screen === undefined ? '' : ` from screen ${JSON.stringify(screen)}`}: register one with flows.on('${action}', …).`,
    );
  }
  const data =
    action === 'data_exchange' && context.screens !== undefined
      ? await validateScreenData(context.screens, screen, request.data)
      : request.data;
  const argument = {
    action,
    screen,
    data,
    flowToken,
    version: request.version,
    flowTokenSignature: request.flowTokenSignature,
    complete: (params?: Readonly<Record<string, unknown>>) => completion(flowToken, params),
  };
  let result: unknown;
  try {
    result = await withTimeout(
      Promise.resolve().then(() => (handler as FlowHandler<typeof argument>)(argument)),
      context.handlerTimeout,
      waitUntil,
    );
  } catch (error) {
    if (isFlowEndpointError(error) && (error.code === 'FLOW_TOKEN_INVALID' || error.code === 'HANDLER_TIMEOUT'))
      throw error;
    throw new FlowEndpointError('HANDLER_FAILED', `The ${action} handler failed.`, { cause: error });
  }
  return withVersion(request.version, checkResponse(result));
}

async function notify(
  context: DispatchContext,
  request: Extract<DecryptedRequest, { kind: 'error-notification' }>,
  waitUntil: ((promise: Promise<unknown>) => void) | undefined,
): Promise<void> {
  const notification = {
    action: request.action,
    screen: request.screen,
    flowToken: request.flowToken,
    version: request.version,
    error: request.error,
    errorMessage: request.errorMessage,
  };
  const run = async (): Promise<void> => {
    for (const handler of context.registry.notificationHandlers) {
      try {
        await handler(notification);
      } catch (error) {
        context.report(
          new FlowEndpointError(
            'HANDLER_FAILED',
            'An onErrorNotification handler failed; the notification was acknowledged.',
            {
              cause: error,
            },
          ),
        );
      }
    }
  };
  try {
    await withTimeout(run(), context.handlerTimeout, waitUntil);
  } catch (error) {
    // Only the timeout reaches here; the notification is acknowledged all the same.
    context.report(error as FlowEndpointError);
  }
}

/** The answer (before encryption) to a decrypted request. Throws a `FlowEndpointError` to answer with. */
export async function answerRequest(
  context: DispatchContext,
  request: DecryptedRequest,
  waitUntil: ((promise: Promise<unknown>) => void) | undefined,
): Promise<Record<string, unknown>> {
  switch (request.kind) {
    case 'ping':
      return withVersion(request.version, { data: { status: 'active' } });
    case 'error-notification':
      await notify(context, request, waitUntil);
      return withVersion(request.version, { data: { acknowledged: true } });
    case 'action':
      return runHandler(context, request, waitUntil);
  }
}
