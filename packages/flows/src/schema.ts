/**
 * The schemas `createFlowEndpoint({ screens })` accepts: anything that implements Standard Schema v1
 * (https://standardschema.dev), which zod 4 schemas do, as do valibot and ArkType. Only the shape is
 * written here, so the package depends on no validation library.
 */

/** A validation failure, as Standard Schema reports it. */
export interface StandardSchemaIssue {
  /** Why the value was refused. */
  readonly message: string;
  /** Where, as keys or `{ key }` segments. */
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** The outcome of `validate`. */
export type StandardSchemaResult<Output> =
  { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<StandardSchemaIssue> };

/** A Standard Schema v1: a zod 4 schema, a valibot schema, an ArkType type… */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /** The Standard Schema interface. */
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/** The type a schema produces. */
export type InferSchemaOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output'];

/** One schema per screen name: the data that screen sends with `data_exchange`. */
export type ScreenSchemas = Readonly<Record<string, StandardSchemaV1>>;

/** Whether `value` looks like a Standard Schema (checked once per screen, at start). */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  const standard = (value as { '~standard'?: { version?: unknown; validate?: unknown } } | null)?.['~standard'];
  return typeof standard === 'object' && standard?.version === 1 && typeof standard.validate === 'function';
}

/** A Standard Schema path as plain keys. */
export function issuePath(issue: StandardSchemaIssue): (string | number)[] {
  return (issue.path ?? []).map((segment) => {
    const key = typeof segment === 'object' ? segment.key : segment;
    return typeof key === 'number' ? key : String(key);
  });
}
