/**
 * `@wa-webhooks/testing`: test WhatsApp webhook handlers without Meta. Sign payloads the way Meta signs
 * them, build realistic notifications (text, interactive replies, statuses, template updates, batches,
 * and one built-in fixture for every event name), send them to a running server, and check the
 * verification handshake. The `wa-webhooks` CLI is built on these functions.
 *
 * @module
 */
export { signBody, createSignedRequest, SIGNATURE_SHA1_HEADER } from './sign';
// One vocabulary: the signer, the header name and the object name are core's (re-exported for convenience).
export { signPayload, SIGNATURE_HEADER } from '@wa-webhooks/core';
export { WHATSAPP_OBJECT } from '@wa-webhooks/core/schemas';
export type { StatusValue } from '@wa-webhooks/core';
export { DEV_APP_SECRET, DEV_VERIFY_TOKEN } from './dev-secrets';
export type { PayloadInput, SignedBody, SignedRequestOptions } from './sign';
export { serializePayload } from './wire';
export type { SerializeOptions } from './wire';
export { freshWamid } from './ids';
export {
  buildNotification,
  buildMessage,
  buildUnknownMessage,
  buildTextMessage,
  buildButtonReply,
  buildListReply,
  buildStatus,
  buildBatch,
} from './builders';
export { buildTemplateStatusUpdate } from './template-builders';
export type { TemplateStatusEvent, TemplateStatusUpdateOptions } from './template-builders';
export type {
  WebhookPayload,
  PayloadEntry,
  PayloadChange,
  BusinessOptions,
  MessageOptions,
  MessageContentInput,
  TextMessageOptions,
  ButtonReplyOptions,
  ListReplyOptions,
  UnknownMessageOptions,
  StatusOptions,
} from './builders';
export { FIXTURE_KINDS, buildFixture, findFixtureKind } from './kinds';
export type { FixtureKind, BuildFixtureOptions } from './kinds';
export { sendNotification } from './send';
export type { FetchLike, SendOptions, SendResult } from './send';
export { checkHandshake } from './handshake';
export type { HandshakeFailureCode, HandshakeOptions, HandshakeReport } from './handshake';
export { TestingError, UnknownKindError, SendError } from './errors';
export type { TestingErrorCode } from './errors';
export {
  FLOW_REQUEST_ACTIONS,
  buildFlowRequest,
  encryptFlowRequest,
  decryptFlowResponse,
  sendFlowRequest,
  generateFlowKeyPair,
} from './flows';
export type {
  FlowRequestAction,
  FlowRequestPayload,
  FlowRequestOptions,
  EncryptedFlowRequest,
  SendFlowOptions,
  FlowSendResult,
  FlowKeyPair,
} from './flows';
