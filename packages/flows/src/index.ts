/**
 * `@wa-webhooks/flows`: the data endpoint of WhatsApp Flows. `createFlowEndpoint()` decrypts Meta's
 * requests (RSA-OAEP-SHA256 and AES-GCM), checks their `X-Hub-Signature-256`, answers the health check
 * and error notifications, routes `INIT`, `data_exchange` and `BACK` to typed handlers, and encrypts the
 * answer. It is a `RequestHandler`: `createExpressMiddleware(flows)`, `createKoaMiddleware(flows, {
 * path })`, `app.register(fastifyWebhooksPlugin, { handler: flows, prefix })`,
 * `createHonoMiddleware(flows)`, or `flows.handleFetch(request)`.
 *
 * @module
 */
export { createFlowEndpoint, FLOWS_CRYPTO_IMPLEMENTATION } from './create';
export type { FlowEndpoint } from './endpoint';
export type { FlowErrorHandler } from './report';
export { DEFAULT_FLOW_BODY_LIMIT, DEFAULT_FLOW_HANDLER_TIMEOUT } from './options';
export type { FlowEndpointOptions } from './options';
export { completion as completeFlow } from './dispatch';
export {
  FLOW_ERROR_STATUS,
  FlowEndpointError,
  FlowConfigurationError,
  InvalidFlowTokenError,
  InvalidScreenDataError,
  isFlowEndpointError,
} from './errors';
export type { FlowErrorCode, FlowConfigurationErrorCode, ScreenDataIssue } from './errors';
export type {
  FlowAction,
  FlowRequestBase,
  FlowInitRequest,
  FlowBackRequest,
  FlowDataExchangeRequest,
  FlowRequestOf,
  AnyDataExchangeRequest,
  DataExchangeRequestOf,
  ScreenName,
  FlowResponse,
  FlowHandler,
  FlowErrorNotification,
  FlowErrorNotificationHandler,
} from './types';
export type {
  StandardSchemaV1,
  StandardSchemaIssue,
  StandardSchemaResult,
  InferSchemaOutput,
  ScreenSchemas,
} from './schema';
