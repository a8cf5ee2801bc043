/**
 * What Flows handlers receive and return. The decrypted request is Meta's "data exchange request"
 * (https://developers.facebook.com/docs/whatsapp/flows/guides/implementingyourflowendpoint, section
 * "Data exchange request"): `{ version, action, screen, data, flow_token }`, with `screen` and `data`
 * possibly absent for `INIT` and `BACK`. Field names are camelCased here because handlers get a
 * request object, not the wire payload; the wire payload is never handed out.
 */
import type { InferSchemaOutput, ScreenSchemas } from './schema';

/** The actions that reach `on()` handlers. `ping` and error notifications are answered by the endpoint. */
export type FlowAction = 'INIT' | 'data_exchange' | 'BACK';

/** What every request has, whatever the action. */
export interface FlowRequestBase<Action extends FlowAction> {
  /** `INIT` (the Flow opens), `data_exchange` (a screen submits), `BACK` (back pressed, `refresh_on_back`). */
  readonly action: Action;
  /**
   * The `flow_token` you set when sending the Flow. Meta documents it as always present; some clients
   * were reported to omit it, so it is `undefined` then. Throw `InvalidFlowTokenError` to answer 427.
   */
  readonly flowToken: string | undefined;
  /** The data API version of the request, e.g. `"3.0"` (echoed in the answer). */
  readonly version: string;
  /**
   * `flow_token_signature`, sent from data API version 4.0 on (a JWT over the flow token). Passed
   * through as received: the request itself is already authenticated by `X-Hub-Signature-256`.
   */
  readonly flowTokenSignature: string | undefined;
  /**
   * Builds the answer that closes the Flow (`screen: "SUCCESS"` with
   * `extension_message_response.params`): WhatsApp then sends the user's completion message, whose
   * webhook carries `params` (with the flow token) in `nfm_reply.response_json`.
   */
  complete(params?: Readonly<Record<string, unknown>>): FlowResponse;
}

/** `INIT`: the user opened the Flow. Return the first screen. */
export interface FlowInitRequest extends FlowRequestBase<'INIT'> {
  /** Usually absent for `INIT`. */
  readonly screen: string | undefined;
  /** Usually absent (`undefined`) for `INIT`. */
  readonly data: unknown;
}

/** `BACK`: the user pressed back on a screen with `refresh_on_back: true`. Return that screen again. */
export interface FlowBackRequest extends FlowRequestBase<'BACK'> {
  /** The screen the user went back to, when the client says. */
  readonly screen: string | undefined;
  /** Usually absent for `BACK`. */
  readonly data: unknown;
}

/** `data_exchange` from a screen without a schema: `data` is whatever the screen's payload held. */
export interface FlowDataExchangeRequest<
  Screen extends string = string,
  Data = unknown,
> extends FlowRequestBase<'data_exchange'> {
  /** The screen that sent the request. */
  readonly screen: Screen;
  /** The screen's `data_exchange` payload, validated by its schema when `screens` gives one. */
  readonly data: Data;
}

/** The screens of `S`, or any screen name when no schemas were given. */
export type ScreenName<S extends ScreenSchemas> = [keyof S] extends [never] ? string : keyof S & string;

/** A `data_exchange` request from screen `K` of `S`, with its data typed by the screen's schema. */
export type DataExchangeRequestOf<S extends ScreenSchemas, K extends string> = [keyof S] extends [never]
  ? FlowDataExchangeRequest<K>
  : K extends keyof S
    ? FlowDataExchangeRequest<K, InferSchemaOutput<S[K]>>
    : never;

/**
 * A `data_exchange` request from any screen of `S`: a union discriminated by `screen`, so that
 * `switch (request.screen)` narrows `data`.
 */
export type AnyDataExchangeRequest<S extends ScreenSchemas> = [keyof S] extends [never]
  ? FlowDataExchangeRequest
  : { [K in keyof S & string]: FlowDataExchangeRequest<K, InferSchemaOutput<S[K]>> }[keyof S & string];

/** The request an `on(action)` handler receives. */
export type FlowRequestOf<S extends ScreenSchemas, Action extends FlowAction> = Action extends 'INIT'
  ? FlowInitRequest
  : Action extends 'BACK'
    ? FlowBackRequest
    : AnyDataExchangeRequest<S>;

/**
 * What a handler returns: the next screen and its data. Put `error_message` in `data` to show an error
 * on that screen; use `request.complete(params)` to close the Flow.
 */
export interface FlowResponse {
  /** The screen to show, by its `id` in the Flow JSON (`SUCCESS` closes the Flow). */
  readonly screen: string;
  /** The screen's data (its `data` declaration in the Flow JSON). Default `{}`. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A handler of one action (and possibly one screen). */
export type FlowHandler<Request> = (request: Request) => FlowResponse | Promise<FlowResponse>;

/**
 * An error notification: WhatsApp tells the endpoint that its previous answer could not be used (an
 * unknown screen, data that does not match the screen). The endpoint acknowledges it by itself.
 */
export interface FlowErrorNotification {
  /** The action of the request whose answer failed. */
  readonly action: string;
  /** The screen it happened on, if the client says. */
  readonly screen: string | undefined;
  /** The flow token of the session, if present. */
  readonly flowToken: string | undefined;
  /** The data API version. */
  readonly version: string;
  /** Meta's error key (`data.error`), e.g. an invalid screen. */
  readonly error: string;
  /** Meta's description (`data.error_message`), if any. */
  readonly errorMessage: string | undefined;
}

/** A handler of error notifications. Its result is ignored; a failure goes to `onError`. */
export type FlowErrorNotificationHandler = (notification: FlowErrorNotification) => unknown;
