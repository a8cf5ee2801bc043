/**
 * A lint rule, run as a test: no secret is compared with `===`, `!==`, `==`, `!=`, `Object.is`,
 * `switch`, or a comparing method (`includes`, `indexOf`, `startsWith`, `equals`, `compare`, …), where the
 * time taken can tell an attacker how much of a guess was right. Secrets must go through
 * `timingSafeEqual`, `subtle.verify` or a constant-time loop instead.
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

const SECRET_WORD = /secret|token|signature|hmac|digest|passw(?:or)?d|credential|api_?key|private_?key|signing_?key/i;
const METADATA_SUFFIX =
  /(header|headers|name|names|prefix|length|len|size|count|type|kind|mode|code|codes|status|reason|label|hint|message|error|errors|regex|pattern|timeout|ttl|options?|url|path|field|params?|events?)$/i;
const LENGTHS = new Set(['length', 'byteLength', 'size']);
/** Objects whose members name kinds of things, not values (`ts.SyntaxKind`, `ErrorCode`). */
const ENUM_LIKE = /(kind|type|code|status|reason)s?$/i;
const PREDICATE = /^(is|has|should|can)[A-Z_]/;
/** `// secret-compare-ok: <why>` on the line before a comparison allows it; the reason is required. */
const ALLOW = /\/\/\s*secret-compare-ok:\s*\S/;
/** Calls whose result carries their receiver's or arguments' content. */
const TRANSPARENT = new Set([
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
const COMPARING = new Set([
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
const ITERATING = new Set([
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
const EQUALITY = new Set([
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

interface FunctionInfo {
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

interface Parsed {
  readonly fileName: string;
  readonly source: ts.SourceFile;
}

/** Finds every comparison of a secret outside the timing-safe functions, across `files`. */
export function findSecretComparisons(files: readonly SourceFile[]): SecretComparison[] {
  const parsed: Parsed[] = files.map(({ fileName, text }) => ({
    fileName,
    source: ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS),
  }));
  const tainted = new Map<string, Set<string>>(parsed.map(({ fileName }) => [fileName, new Set<string>()]));
  const numeric = new Map<string, Set<string>>(parsed.map(({ fileName }) => [fileName, new Set<string>()]));
  const functions = new Map<string, FunctionInfo[]>();
  /** While a function's return is judged: its declared names and which of them hold a secret. */
  let local: { readonly declared: ReadonlySet<string>; readonly tainted: Set<string> } | undefined;

  const nameOf = (node: ts.Node): string | undefined =>
    ts.isIdentifier(node) || ts.isPrivateIdentifier(node)
      ? node.text
      : ts.isStringLiteral(node) || ts.isNumericLiteral(node)
        ? node.text
        : undefined;
  const calleeName = (callee: ts.Expression): string | undefined =>
    ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;

  // Declarations: numeric constants and functions (by name, with their parameter names).
  for (const { fileName, source } of parsed) {
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        let init: ts.Expression = node.initializer;
        while (ts.isAsExpression(init) || ts.isParenthesizedExpression(init) || ts.isSatisfiesExpression(init))
          init = init.expression;
        if (ts.isNumericLiteral(init) || (ts.isBinaryExpression(init) && /^[\d\s*+\-/()]+$/.test(init.getText(source))))
          numeric.get(fileName)!.add(node.name.text);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) addFunction(node.name.text, fileName, init);
      }
      if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) {
        const name = nameOf(node.name);
        if (name) addFunction(name, fileName, node);
      }
      if (
        ts.isPropertyAssignment(node) &&
        (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
      ) {
        const name = nameOf(node.name);
        if (name) addFunction(name, fileName, node.initializer);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  function addFunction(name: string, file: string, node: ts.SignatureDeclaration): void {
    const params = node.parameters.map((param) => (ts.isIdentifier(param.name) ? param.name.text : undefined));
    const declared = new Set<string>();
    const collect = (child: ts.Node): void => {
      if (
        (ts.isParameter(child) || ts.isVariableDeclaration(child) || ts.isBindingElement(child)) &&
        ts.isIdentifier(child.name)
      )
        declared.add(child.name.text);
      ts.forEachChild(child, collect);
    };
    collect(node);
    functions.set(name, [
      ...(functions.get(name) ?? []),
      { file, params, node, declared, intrinsic: false, flows: new Set() },
    ]);
  }

  /** Whether `fn` returns a secret when the parameters in `seeds` hold one (locals followed inside it). */
  function returnsSecretWith(fn: FunctionInfo, seeds: readonly string[]): boolean {
    const saved = local;
    local = { declared: fn.declared, tainted: new Set(seeds) };
    try {
      const body = fn.node.body;
      if (body === undefined) return false;
      if (!ts.isBlock(body)) return isSecret(body as ts.Expression, fn.file);
      for (let changed = true; changed;) {
        changed = false;
        const visit = (child: ts.Node): void => {
          const add = (name: string): void => {
            if (!local!.tainted.has(name)) {
              local!.tainted.add(name);
              changed = true;
            }
          };
          if (
            ts.isVariableDeclaration(child) &&
            ts.isIdentifier(child.name) &&
            child.initializer &&
            isSecret(child.initializer, fn.file)
          )
            add(child.name.text);
          if (
            ts.isBinaryExpression(child) &&
            ts.isIdentifier(child.left) &&
            child.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
            child.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
            isSecret(child.right, fn.file)
          )
            add(child.left.text);
          if (
            ts.isForOfStatement(child) &&
            isSecret(child.expression, fn.file) &&
            ts.isVariableDeclarationList(child.initializer)
          ) {
            for (const declaration of child.initializer.declarations)
              if (ts.isIdentifier(declaration.name)) add(declaration.name.text);
          }
          ts.forEachChild(child, visit);
        };
        visit(body);
      }
      let found = false;
      const visit = (child: ts.Node): void => {
        if (found || ts.isFunctionLike(child)) return;
        if (ts.isReturnStatement(child) && child.expression && isSecret(child.expression, fn.file)) found = true;
        ts.forEachChild(child, visit);
      };
      ts.forEachChild(body, visit);
      return found;
    } finally {
      local = saved;
    }
  }

  function isSecret(expr: ts.Expression, file: string): boolean {
    if (
      ts.isParenthesizedExpression(expr) ||
      ts.isAsExpression(expr) ||
      ts.isTypeAssertionExpression(expr) ||
      ts.isNonNullExpression(expr) ||
      ts.isSatisfiesExpression(expr) ||
      ts.isAwaitExpression(expr)
    ) {
      return isSecret(expr.expression, file);
    }
    if (ts.isIdentifier(expr)) {
      if (numeric.get(file)!.has(expr.text)) return false;
      if (local?.declared.has(expr.text)) return isSecretName(expr.text) || local.tainted.has(expr.text);
      return isSecretName(expr.text) || tainted.get(file)!.has(expr.text);
    }
    if (ts.isPropertyAccessExpression(expr)) {
      // A member of something named as metadata is metadata too (ts.SyntaxKind.CommaToken, errorCodes.TOKEN).
      const owner = ts.isIdentifier(expr.expression)
        ? expr.expression.text
        : ts.isPropertyAccessExpression(expr.expression)
          ? expr.expression.name.text
          : undefined;
      if (owner !== undefined && ENUM_LIKE.test(owner)) return false;
      return !LENGTHS.has(expr.name.text) && isSecretName(expr.name.text);
    }
    if (ts.isElementAccessExpression(expr)) {
      const key = expr.argumentExpression;
      return ts.isStringLiteralLike(key) ? isSecretName(key.text) : isSecret(expr.expression, file);
    }
    if (ts.isCallExpression(expr)) {
      const name = calleeName(expr.expression);
      // A predicate (isSecret(), hasToken()) answers yes or no; it does not hand the secret out.
      if (name !== undefined && PREDICATE.test(name)) return false;
      if (name !== undefined && isSecretName(name)) return true;
      // A function of the scanned files: a secret comes out if it makes one, or passes one through.
      for (const fn of name === undefined ? [] : (functions.get(name) ?? [])) {
        if (
          fn.intrinsic ||
          [...fn.flows].some((index) => expr.arguments[index] !== undefined && isSecret(expr.arguments[index]!, file))
        )
          return true;
      }
      if (name !== undefined && TRANSPARENT.has(name)) {
        const receiver = ts.isPropertyAccessExpression(expr.expression) ? expr.expression.expression : undefined;
        return (
          (receiver !== undefined && isSecret(receiver, file)) || expr.arguments.some((arg) => isSecret(arg, file))
        );
      }
      return false;
    }
    if (ts.isTemplateExpression(expr)) return expr.templateSpans.some((span) => isSecret(span.expression, file));
    if (ts.isBinaryExpression(expr)) {
      if (expr.operatorToken.kind === ts.SyntaxKind.CommaToken) return isSecret(expr.right, file);
      if (
        EQUALITY.has(expr.operatorToken.kind) ||
        expr.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword ||
        expr.operatorToken.kind === ts.SyntaxKind.InKeyword
      )
        return false;
      return isSecret(expr.left, file) || isSecret(expr.right, file);
    }
    if (ts.isConditionalExpression(expr)) return isSecret(expr.whenTrue, file) || isSecret(expr.whenFalse, file);
    if (ts.isPrefixUnaryExpression(expr))
      return expr.operator !== ts.SyntaxKind.ExclamationToken && isSecret(expr.operand, file);
    if (ts.isArrayLiteralExpression(expr))
      return expr.elements.some((element) =>
        isSecret(ts.isSpreadElement(element) ? element.expression : element, file),
      );
    return false;
  }

  const taint = (file: string, name: string): boolean => {
    const set = tainted.get(file)!;
    if (set.has(name) || numeric.get(file)!.has(name)) return false;
    set.add(name);
    return true;
  };

  // Taint propagation to a fixpoint.
  for (let changed = true; changed;) {
    changed = false;
    for (const { fileName, source } of parsed) {
      const visit = (node: ts.Node): void => {
        if (ts.isVariableDeclaration(node) && node.initializer) {
          const fromSecret = isSecret(node.initializer, fileName);
          if (ts.isIdentifier(node.name) && fromSecret) changed = taint(fileName, node.name.text) || changed;
          if (ts.isObjectBindingPattern(node.name)) {
            for (const element of node.name.elements) {
              const key = element.propertyName
                ? nameOf(element.propertyName)
                : ts.isIdentifier(element.name)
                  ? element.name.text
                  : undefined;
              if (ts.isIdentifier(element.name) && key !== undefined && (isSecretName(key) || fromSecret))
                changed = taint(fileName, element.name.text) || changed;
            }
          }
          if (ts.isArrayBindingPattern(node.name) && fromSecret) {
            for (const element of node.name.elements) {
              if (ts.isBindingElement(element) && ts.isIdentifier(element.name))
                changed = taint(fileName, element.name.text) || changed;
            }
          }
        }
        if (
          ts.isBinaryExpression(node) &&
          ts.isIdentifier(node.left) &&
          node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
          node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
          isSecret(node.right, fileName)
        ) {
          changed = taint(fileName, node.left.text) || changed;
        }
        if (
          ts.isForOfStatement(node) &&
          isSecret(node.expression, fileName) &&
          ts.isVariableDeclarationList(node.initializer)
        ) {
          for (const declaration of node.initializer.declarations)
            if (ts.isIdentifier(declaration.name)) changed = taint(fileName, declaration.name.text) || changed;
        }
        if (ts.isCallExpression(node)) {
          const name = calleeName(node.expression);
          if (name !== undefined) {
            for (const info of functions.get(name) ?? []) {
              node.arguments.forEach((arg, index) => {
                const param = info.params[index];
                if (param !== undefined && isSecret(arg, fileName)) changed = taint(info.file, param) || changed;
              });
            }
            const receiver = ts.isPropertyAccessExpression(node.expression) ? node.expression.expression : undefined;
            const callback = node.arguments[0];
            if (
              ITERATING.has(name) &&
              receiver &&
              isSecret(receiver, fileName) &&
              callback &&
              (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))
            ) {
              const first = callback.parameters[name === 'reduce' ? 1 : 0];
              if (first && ts.isIdentifier(first.name)) changed = taint(fileName, first.name.text) || changed;
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    // Function summaries: what comes out of each function, by itself or from its parameters.
    for (const fn of [...functions.values()].flat()) {
      if (!fn.intrinsic && returnsSecretWith(fn, [])) {
        fn.intrinsic = true;
        changed = true;
      }
      fn.params.forEach((param, index) => {
        if (param !== undefined && !fn.intrinsic && !fn.flows.has(index) && returnsSecretWith(fn, [param])) {
          fn.flows.add(index);
          changed = true;
        }
      });
    }
  }

  const isTrivial = (expr: ts.Expression): boolean => {
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
  const isTypeof = (expr: ts.Expression): boolean =>
    ts.isTypeOfExpression(ts.isParenthesizedExpression(expr) ? expr.expression : expr);

  const found: SecretComparison[] = [];
  for (const { fileName, source } of parsed) {
    const lines = source.text.split('\n');
    const report = (node: ts.Node): void => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      if (line > 0 && ALLOW.test(lines[line - 1] ?? '')) return;
      found.push({ file: fileName, line: line + 1, text: node.getText(source).replace(/\s+/g, ' ').slice(0, 120) });
    };
    const compares = (a: ts.Expression, b: ts.Expression): boolean =>
      !isTypeof(a) &&
      !isTypeof(b) &&
      ((isSecret(a, fileName) && !isTrivial(b)) || (isSecret(b, fileName) && !isTrivial(a)));
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && EQUALITY.has(node.operatorToken.kind) && compares(node.left, node.right))
        report(node);
      if (ts.isCallExpression(node)) {
        const name = calleeName(node.expression);
        const receiver = ts.isPropertyAccessExpression(node.expression) ? node.expression.expression : undefined;
        const [first, second] = node.arguments;
        if (name !== undefined && COMPARING.has(name)) {
          const receiverIsSecret =
            receiver !== undefined && !ts.isIdentifier(receiver)
              ? isSecret(receiver, fileName)
              : receiver !== undefined && isSecret(receiver, fileName);
          const isStatic =
            receiver !== undefined && ts.isIdentifier(receiver) && /^(Object|Buffer)$/.test(receiver.text);
          if (
            isStatic
              ? first !== undefined && second !== undefined && compares(first, second)
              : (receiverIsSecret && first !== undefined && !isTrivial(first)) ||
                node.arguments.some((arg) => isSecret(arg, fileName))
          ) {
            report(node);
          }
        }
      }
      if (ts.isSwitchStatement(node)) {
        for (const clause of node.caseBlock.clauses) {
          if (ts.isCaseClause(clause) && compares(node.expression, clause.expression)) report(clause.expression);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
