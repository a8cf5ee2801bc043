/**
 * `@wa-webhooks/test-kit` (private): the shared conformance suite every adapter runs, an independent
 * `node:crypto` signer, notification builders, corpus access, and loopback HTTP helpers.
 *
 * @module
 */
export { runAdapterConformance } from './conformance';
export type { AdapterConformanceOptions, ConsumedBodyVariant, SiblingRouteServer, StartServer } from './conformance';
export { listen, sendRaw, unusedLoopbackPort } from './http';
export type { RawRequestInit, RawResponse, RunningServer } from './http';
export {
  FIXTURES_DIR,
  freshWamid,
  messagesChange,
  notification,
  notificationOfSize,
  readFixtureBytes,
  textMessage,
  textNotification,
} from './notifications';
export type { TextMessageItem } from './notifications';
export { APP_SECRET, ROTATED_APP_SECRET, VERIFY_TOKEN, hmacSha256, signBody } from './signer';
export {
  FUZZ_BODY_LIMIT,
  NODE_HTTP_ANSWERS,
  closedWithoutAnswer,
  emptyAnswer,
  isClientError,
  printRequest,
  runAdapterFuzz,
} from './fuzz';
export type { AdapterFuzzOptions, FrameworkAnswer, ServerTimeouts, StartFuzzServer } from './fuzz';
export { fuzzRequestArb, signedNotification, toWire } from './fuzz-requests';
export type { FuzzRequest, SoftTag, Violation } from './fuzz-requests';
export { headerAsSeen, predict } from './fuzz-model';
export type { CoreExpectation, HeaderSemantics } from './fuzz-model';
export { WireConnection, WirePool, chunked, mapConcurrent, requestHead } from './raw-http';
export type { WireOutcome, WireResponse } from './raw-http';
export { runToExit, startExample, startProcess } from './example-process';
export type { ExampleProcess, ExampleRun } from './example-process';
export { runExampleChecks } from './example-checks';
export type { ExampleModules, ExampleTimeouts } from './example-checks';
export { runExampleConfigTests, runExampleSmoke } from './examples';
export type { ExampleConfigModule } from './examples';
export { startGraphStandIn } from './graph-stand-in';
export type { GraphRequestRecord, GraphStandIn, GraphStandInOptions, StandInToken } from './graph-stand-in';
export { expectClaimsAndMarksExpire, expectReleaseSparesOthers } from './store-semantics';
