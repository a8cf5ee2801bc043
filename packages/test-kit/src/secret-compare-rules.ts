/**
 * The vocabulary of the secret-comparison rule (`secret-compare.ts`): which names are secrets, which
 * calls pass content through, compare or iterate, and small syntax helpers. See `secret-compare.ts`.
 *
 * What counts as a secret, so that renaming or wrapping does not dodge the rule:
 * - a name (variable, parameter, property, string key) containing secret, token, signature, hmac,
 *   digest, password, credential, api key, private/signing key — unless it ends in a word that names
 *   metadata about it (`SIGNATURE_HEADER`, `tokenLength`, `signatureReason`), is a member of an enum-like
 *   object (`ts.SyntaxKind.CommaToken`), or is a constant initialised with a number (`DIGEST_BYTES = 32`);
 * - anything derived from a secret: an alias (`const s = appSecret`), a destructured property, a loop
 *   variable over secrets, a callback parameter of `secrets.map(…)`, a wrapper (`String(x)`, `` `${x}` ``,
 *   `x as string`, `x!`, `x.trim()`, `x.toLowerCase()`, `x.slice()`, `Buffer.from(x)`, `x + ''`, …), an
 *   element (`digest[i]`), the result of a function whose name says secret (`createHmac(…).digest()`) or
 *   that returns a secret or passes one through, and the parameters of a function (in any scanned file,
 *   matched by name) that is called with a secret.
 * Allowed: comparing with `undefined`, `null`, `true`, `false`, `''` or a number (presence and empty
 * checks), `typeof` checks, lengths (`secret.length === 0`), the result of a predicate (`isSecretName()`),
 * and a line preceded by `// secret-compare-ok: <reason>` (test code that searches for secrets on purpose).
 */
import ts from 'typescript';

/** One forbidden comparison. */
export interface SecretComparison {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** A file to check. */
export interface SourceFile {
  readonly fileName: string;
  readonly text: string;
}

export const SECRET_WORD =
  /secret|token|signature|hmac|digest|passw(?:or)?d|credential|api_?key|private_?key|signing_?key/i;
export const METADATA_SUFFIX =
  /(header|headers|name|names|prefix|length|len|size|count|type|kind|mode|code|codes|status|reason|label|hint|message|error|errors|regex|pattern|timeout|ttl|options?|url|path|field|params?|events?)$/i;
export const LENGTHS = new Set(['length', 'byteLength', 'size']);
/** Objects whose members name kinds of things, not values (`ts.SyntaxKind`, `ErrorCode`). */
export const ENUM_LIKE = /(kind|type|code|status|reason)s?$/i;
export const PREDICATE = /^(is|has|should|can)[A-Z_]/;
/** `// secret-compare-ok: <why>` on the line before a comparison allows it; the reason is required. */
export const ALLOW = /\/\/\s*secret-compare-ok:\s*\S/;
/** Calls whose result carries their receiver's or arguments' content. */
export const TRANSPARENT = new Set([
  'String',
  'Number',
  'BigInt',
  'from',
  'of',
  'encode',
  'decode',
  'stringify',
  'toString',
  'valueOf',
  'toJSON',
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'normalize',
  'slice',
  'substring',
  'substr',
  'at',
  'charAt',
  'charCodeAt',
  'codePointAt',
  'padStart',
  'padEnd',
  'concat',
  'repeat',
  'replace',
  'replaceAll',
  'split',
  'join',
  'subarray',
  'encodeURIComponent',
  'decodeURIComponent',
  'encodeURI',
  'decodeURI',
  'btoa',
  'atob',
  'update',
  'copy',
  'readUInt32BE',
  'readBigUInt64BE',
]);
/** Methods that compare their receiver with their argument, or look a value up by equality. */
export const COMPARING = new Set([
  'includes',
  'indexOf',
  'lastIndexOf',
  'startsWith',
  'endsWith',
  'localeCompare',
  'equals',
  'compare',
  'is',
]);
/** Array methods whose callback receives the receiver's elements. */
export const ITERATING = new Set([
  'map',
  'forEach',
  'some',
  'every',
  'filter',
  'find',
  'findIndex',
  'findLast',
  'flatMap',
  'reduce',
]);
export const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

/** Whether a name denotes a secret by itself. */
export function isSecretName(name: string): boolean {
  const bare = name.replace(/^[_$#]+/, '');
  return SECRET_WORD.test(bare) && !METADATA_SUFFIX.test(bare);
}

export interface FunctionInfo {
  readonly file: string;
  readonly params: ReadonlyArray<string | undefined>;
  readonly node: ts.SignatureDeclaration & { readonly body?: ts.Node | undefined };
  /** Every name declared inside (parameters, variables), whose taint is judged per call. */
  readonly declared: ReadonlySet<string>;
  /** Returns a secret whatever it is called with. */
  intrinsic: boolean;
  /** Indexes of the parameters whose secret flows into the returned value. */
  readonly flows: Set<number>;
}

export interface Parsed {
  readonly fileName: string;
  readonly source: ts.SourceFile;
}

export const nameOf = (node: ts.Node): string | undefined =>
  ts.isIdentifier(node) || ts.isPrivateIdentifier(node)
    ? node.text
    : ts.isStringLiteral(node) || ts.isNumericLiteral(node)
      ? node.text
      : undefined;
export const calleeName = (callee: ts.Expression): string | undefined =>
  ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;

export const isTrivial = (expr: ts.Expression): boolean => {
  while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr)) expr = expr.expression;
  if (
    expr.kind === ts.SyntaxKind.NullKeyword ||
    expr.kind === ts.SyntaxKind.TrueKeyword ||
    expr.kind === ts.SyntaxKind.FalseKeyword
  )
    return true;
  if (ts.isIdentifier(expr)) return expr.text === 'undefined';
  if (ts.isStringLiteralLike(expr)) return expr.text === '';
  if (ts.isNumericLiteral(expr) || ts.isVoidExpression(expr)) return true;
  return ts.isPrefixUnaryExpression(expr) && ts.isNumericLiteral(expr.operand);
};
export const isTypeof = (expr: ts.Expression): boolean =>
  ts.isTypeOfExpression(ts.isParenthesizedExpression(expr) ? expr.expression : expr);
