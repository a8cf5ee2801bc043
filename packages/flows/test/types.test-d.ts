/** What handlers see, as types: data typed by the screen's schema, unknown without one. */
import type { RequestHandler } from '@wa-webhooks/core';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createFlowEndpoint, type FlowResponse } from '../src/index';

const base = { privateKey: '', appSecret: '' };

describe('createFlowEndpoint types', () => {
  it('is a RequestHandler, so the four adapters mount it', () => {
    expectTypeOf(createFlowEndpoint(base)).toExtend<RequestHandler>();
  });

  it('types data_exchange data by screen when schemas are given, and narrows on request.screen', () => {
    const flows = createFlowEndpoint({
      ...base,
      screens: { A: z.object({ name: z.string() }), B: z.object({ count: z.number() }) },
    });
    flows.on('data_exchange', (request) => {
      expectTypeOf(request.screen).toEqualTypeOf<'A' | 'B'>();
      if (request.screen === 'A') expectTypeOf(request.data).toEqualTypeOf<{ name: string }>();
      else expectTypeOf(request.data).toEqualTypeOf<{ count: number }>();
      return { screen: 'B' };
    });
    flows.on('data_exchange', 'B', (request) => {
      expectTypeOf(request.data.count).toBeNumber();
      return request.complete({ total: request.data.count });
    });
    // @ts-expect-error: C has no schema
    flows.on('data_exchange', 'C', () => ({ screen: 'A' }));
  });

  it('leaves data unknown without schemas, and for INIT and BACK', () => {
    const flows = createFlowEndpoint(base);
    flows.on('data_exchange', (request) => {
      expectTypeOf(request.screen).toBeString();
      expectTypeOf(request.data).toBeUnknown();
      return { screen: 'X' };
    });
    flows.on('INIT', (request) => {
      expectTypeOf(request.action).toEqualTypeOf<'INIT'>();
      expectTypeOf(request.flowToken).toEqualTypeOf<string | undefined>();
      expectTypeOf(request.data).toBeUnknown();
      return { screen: 'X' };
    });
    flows.on('BACK', 'X', (request) => {
      expectTypeOf(request.screen).toEqualTypeOf<string | undefined>();
      return { screen: 'X' };
    });
  });

  it('requires handlers to return a screen', () => {
    const flows = createFlowEndpoint(base);
    // @ts-expect-error: a handler must return { screen, data? }
    flows.on('INIT', () => ({ data: {} }));
    flows.on('BACK', async () => ({ screen: 'S', data: { a: 1 } }) satisfies FlowResponse);
    // @ts-expect-error: ping is answered by the endpoint
    flows.on('ping', () => ({ screen: 'S' }));
  });
});
