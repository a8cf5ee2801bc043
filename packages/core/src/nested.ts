/**
 * Drift tolerance below the top level: a change whose schema fails only because of malformed items
 * nested in its arrays (one bad message in a `history` thread, one bad participant in a group update)
 * still reaches its typed handler, without those items; each item cut out reaches `onUnknown` on its
 * own, with its path. A change whose problem is not inside an array item stays unknown as a whole.
 */
import type { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';

/** Where a value sits, from the change value down: object keys and array indexes. */
export type ValuePath = readonly (string | number)[];

/** An item cut out of a change because it did not fit its schema. */
export interface CutItem {
  /** Where it sat in the change value. */
  readonly path: ValuePath;
  readonly item: unknown;
  readonly issues: readonly $ZodIssue[];
}

/** The outcome of checking a change value. */
export type CheckedChange =
  | { readonly ok: true; readonly value: unknown; readonly cut: readonly CutItem[] }
  | { readonly ok: false; readonly issues: readonly $ZodIssue[] };

/** The path of the array item an issue is in (its deepest array index), or undefined at top level. */
function itemPathOf(issue: $ZodIssue): ValuePath | undefined {
  const path = issue.path as ValuePath;
  for (let index = path.length - 1; index >= 0; index--) {
    if (typeof path[index] === 'number') return path.slice(0, index + 1);
  }
  return undefined;
}

function at(root: unknown, path: ValuePath): unknown {
  let node = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

/** Compares paths so that, within one array, higher indexes come first. */
function laterFirst(a: ValuePath, b: ValuePath): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (a[index] !== b[index]) return typeof a[index] === 'number' ? (b[index] as number) - (a[index] as number) : 0;
  }
  return b.length - a.length;
}

/** A copy of `root` without the items at `paths`; only the containers on those paths are copied. */
function without(root: unknown, paths: readonly ValuePath[]): unknown {
  const copies = new Set<unknown>();
  const copy = (node: unknown): Record<string | number, unknown> => {
    const copied = Array.isArray(node) ? node.slice() : { ...(node as object) };
    copies.add(copied);
    return copied as Record<string | number, unknown>;
  };
  const result = copy(root);
  for (const path of [...paths].sort(laterFirst)) {
    let node = result;
    for (const key of path.slice(0, -1)) {
      let child = node[key];
      if (!copies.has(child)) node[key] = child = copy(child);
      node = child as Record<string | number, unknown>;
    }
    (node as unknown as unknown[]).splice(path[path.length - 1] as number, 1);
  }
  return result;
}

/** Groups the issues by the array item they are in; undefined when one is not in any item. */
function itemsOf(issues: readonly $ZodIssue[]): Map<string, { path: ValuePath; issues: $ZodIssue[] }> | undefined {
  const items = new Map<string, { path: ValuePath; issues: $ZodIssue[] }>();
  for (const issue of issues) {
    const path = itemPathOf(issue);
    if (path === undefined) return undefined;
    const key = JSON.stringify(path);
    const found = items.get(key);
    if (found === undefined) items.set(key, { path, issues: [issue] });
    else found.issues.push(issue);
  }
  // An item inside another item that is cut anyway goes with it.
  const keys = [...items.keys()];
  for (const key of keys) {
    if (keys.some((other) => other !== key && key.startsWith(other.slice(0, -1) + ','))) items.delete(key);
  }
  return items;
}

/**
 * Checks a change value with `schema`. When it fails only inside array items, those items are cut out
 * (once: paths stay those of the value as Meta sent it) and the rest is checked again.
 */
export function checkChange(schema: z.ZodType, value: unknown): CheckedChange {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value, cut: [] };
  const issues = result.error.issues;
  const items = itemsOf(issues);
  if (items === undefined) return { ok: false, issues };
  const pruned = without(
    value,
    [...items.values()].map((item) => item.path),
  );
  if (!schema.safeParse(pruned).success) return { ok: false, issues };
  const cut = [...items.values()].map(({ path, issues: own }) => ({ path, item: at(value, path), issues: own }));
  return { ok: true, value: pruned, cut };
}
