/**
 * A lint rule, run as a test: no secret is compared with `===`, `!==`, `==`, `!=`, `Object.is`,
 * `switch`, or a comparing method (`includes`, `indexOf`, `startsWith`, `equals`, `compare`, …), where the
 * time taken can tell an attacker how much of a guess was right. Secrets must go through
 * `timingSafeEqual`, `subtle.verify` or a constant-time loop instead.
 *
 * What counts as a secret, and what is allowed: see `secret-compare-rules.ts`.
 */
import ts from 'typescript';
import { comparisons } from './secret-compare-report';
import {
  ENUM_LIKE,
  EQUALITY,
  ITERATING,
  LENGTHS,
  PREDICATE,
  TRANSPARENT,
  calleeName,
  isSecretName,
  nameOf,
  type FunctionInfo,
  type Parsed,
  type SecretComparison,
  type SourceFile,
} from './secret-compare-rules';

export { isSecretName } from './secret-compare-rules';
export type { SecretComparison, SourceFile } from './secret-compare-rules';

/** The scan of a set of files: declarations, taint to a fixpoint, then the comparisons of tainted values. */
export class SecretScan {
  readonly parsed: Parsed[];
  private readonly tainted: Map<string, Set<string>>;
  private readonly numeric: Map<string, Set<string>>;
  private readonly functions = new Map<string, FunctionInfo[]>();
  /** While a function's return is judged: its declared names and which of them hold a secret. */
  private local: { readonly declared: ReadonlySet<string>; readonly tainted: Set<string> } | undefined;

  constructor(files: readonly SourceFile[]) {
    this.parsed = files.map(({ fileName, text }) => ({
      fileName,
      source: ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS),
    }));
    this.tainted = new Map(this.parsed.map(({ fileName }) => [fileName, new Set<string>()]));
    this.numeric = new Map(this.parsed.map(({ fileName }) => [fileName, new Set<string>()]));
    this.collectDeclarations();
    // Taint propagation to a fixpoint.
    for (let changed = true; changed;) {
      const passed = this.taintPass();
      changed = this.summarize() || passed;
    }
  }

  /** Declarations: numeric constants and functions (by name, with their parameter names). */
  private collectDeclarations(): void {
    for (const { fileName, source } of this.parsed) {
      const visit = (node: ts.Node): void => {
        if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
          let init: ts.Expression = node.initializer;
          while (ts.isAsExpression(init) || ts.isParenthesizedExpression(init) || ts.isSatisfiesExpression(init))
            init = init.expression;
          if (
            ts.isNumericLiteral(init) ||
            (ts.isBinaryExpression(init) && /^[\d\s*+\-/()]+$/.test(init.getText(source)))
          )
            this.numeric.get(fileName)!.add(node.name.text);
          if (ts.isArrowFunction(init) || ts.isFunctionExpression(init))
            this.addFunction(node.name.text, fileName, init);
        }
        if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) {
          const name = nameOf(node.name);
          if (name) this.addFunction(name, fileName, node);
        }
        if (
          ts.isPropertyAssignment(node) &&
          (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
        ) {
          const name = nameOf(node.name);
          if (name) this.addFunction(name, fileName, node.initializer);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }

  private addFunction(name: string, file: string, node: ts.SignatureDeclaration): void {
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
    this.functions.set(name, [
      ...(this.functions.get(name) ?? []),
      { file, params, node, declared, intrinsic: false, flows: new Set() },
    ]);
  }

  /** Whether `fn` returns a secret when the parameters in `seeds` hold one (locals followed inside it). */
  private returnsSecretWith(fn: FunctionInfo, seeds: readonly string[]): boolean {
    const saved = this.local;
    this.local = { declared: fn.declared, tainted: new Set(seeds) };
    try {
      const body = fn.node.body;
      if (body === undefined) return false;
      if (!ts.isBlock(body)) return this.isSecret(body as ts.Expression, fn.file);
      for (let changed = true; changed;) {
        changed = false;
        const visit = (child: ts.Node): void => {
          const add = (name: string): void => {
            if (!this.local!.tainted.has(name)) {
              this.local!.tainted.add(name);
              changed = true;
            }
          };
          if (
            ts.isVariableDeclaration(child) &&
            ts.isIdentifier(child.name) &&
            child.initializer &&
            this.isSecret(child.initializer, fn.file)
          )
            add(child.name.text);
          if (
            ts.isBinaryExpression(child) &&
            ts.isIdentifier(child.left) &&
            child.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
            child.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
            this.isSecret(child.right, fn.file)
          )
            add(child.left.text);
          if (
            ts.isForOfStatement(child) &&
            this.isSecret(child.expression, fn.file) &&
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
        if (ts.isReturnStatement(child) && child.expression && this.isSecret(child.expression, fn.file)) found = true;
        ts.forEachChild(child, visit);
      };
      ts.forEachChild(body, visit);
      return found;
    } finally {
      this.local = saved;
    }
  }

  isSecret(expr: ts.Expression, file: string): boolean {
    if (
      ts.isParenthesizedExpression(expr) ||
      ts.isAsExpression(expr) ||
      ts.isTypeAssertionExpression(expr) ||
      ts.isNonNullExpression(expr) ||
      ts.isSatisfiesExpression(expr) ||
      ts.isAwaitExpression(expr)
    ) {
      return this.isSecret(expr.expression, file);
    }
    if (ts.isIdentifier(expr)) {
      if (this.numeric.get(file)!.has(expr.text)) return false;
      if (this.local?.declared.has(expr.text)) return isSecretName(expr.text) || this.local.tainted.has(expr.text);
      return isSecretName(expr.text) || this.tainted.get(file)!.has(expr.text);
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
      return ts.isStringLiteralLike(key) ? isSecretName(key.text) : this.isSecret(expr.expression, file);
    }
    if (ts.isCallExpression(expr)) {
      const name = calleeName(expr.expression);
      // A predicate (this.isSecret(), hasToken()) answers yes or no; it does not hand the secret out.
      if (name !== undefined && PREDICATE.test(name)) return false;
      if (name !== undefined && isSecretName(name)) return true;
      // A function of the scanned files: a secret comes out if it makes one, or passes one through.
      for (const fn of name === undefined ? [] : (this.functions.get(name) ?? [])) {
        if (
          fn.intrinsic ||
          [...fn.flows].some(
            (index) => expr.arguments[index] !== undefined && this.isSecret(expr.arguments[index]!, file),
          )
        )
          return true;
      }
      if (name !== undefined && TRANSPARENT.has(name)) {
        const receiver = ts.isPropertyAccessExpression(expr.expression) ? expr.expression.expression : undefined;
        return (
          (receiver !== undefined && this.isSecret(receiver, file)) ||
          expr.arguments.some((arg) => this.isSecret(arg, file))
        );
      }
      return false;
    }
    if (ts.isTemplateExpression(expr)) return expr.templateSpans.some((span) => this.isSecret(span.expression, file));
    if (ts.isBinaryExpression(expr)) {
      if (expr.operatorToken.kind === ts.SyntaxKind.CommaToken) return this.isSecret(expr.right, file);
      if (
        EQUALITY.has(expr.operatorToken.kind) ||
        expr.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword ||
        expr.operatorToken.kind === ts.SyntaxKind.InKeyword
      )
        return false;
      return this.isSecret(expr.left, file) || this.isSecret(expr.right, file);
    }
    if (ts.isConditionalExpression(expr))
      return this.isSecret(expr.whenTrue, file) || this.isSecret(expr.whenFalse, file);
    if (ts.isPrefixUnaryExpression(expr))
      return expr.operator !== ts.SyntaxKind.ExclamationToken && this.isSecret(expr.operand, file);
    if (ts.isArrayLiteralExpression(expr))
      return expr.elements.some((element) =>
        this.isSecret(ts.isSpreadElement(element) ? element.expression : element, file),
      );
    return false;
  }

  private taint(file: string, name: string): boolean {
    const set = this.tainted.get(file)!;
    if (set.has(name) || this.numeric.get(file)!.has(name)) return false;
    set.add(name);
    return true;
  }

  /** One pass over every file: names that receive a secret become secret. Returns whether any did. */
  private taintPass(): boolean {
    let changed = false;
    for (const { fileName, source } of this.parsed) {
      const visit = (node: ts.Node): void => {
        if (ts.isVariableDeclaration(node) && node.initializer) {
          const fromSecret = this.isSecret(node.initializer, fileName);
          if (ts.isIdentifier(node.name) && fromSecret) changed = this.taint(fileName, node.name.text) || changed;
          if (ts.isObjectBindingPattern(node.name)) {
            for (const element of node.name.elements) {
              const key = element.propertyName
                ? nameOf(element.propertyName)
                : ts.isIdentifier(element.name)
                  ? element.name.text
                  : undefined;
              if (ts.isIdentifier(element.name) && key !== undefined && (isSecretName(key) || fromSecret))
                changed = this.taint(fileName, element.name.text) || changed;
            }
          }
          if (ts.isArrayBindingPattern(node.name) && fromSecret) {
            for (const element of node.name.elements) {
              if (ts.isBindingElement(element) && ts.isIdentifier(element.name))
                changed = this.taint(fileName, element.name.text) || changed;
            }
          }
        }
        if (
          ts.isBinaryExpression(node) &&
          ts.isIdentifier(node.left) &&
          node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
          node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
          this.isSecret(node.right, fileName)
        ) {
          changed = this.taint(fileName, node.left.text) || changed;
        }
        if (
          ts.isForOfStatement(node) &&
          this.isSecret(node.expression, fileName) &&
          ts.isVariableDeclarationList(node.initializer)
        ) {
          for (const declaration of node.initializer.declarations)
            if (ts.isIdentifier(declaration.name)) changed = this.taint(fileName, declaration.name.text) || changed;
        }
        if (ts.isCallExpression(node)) {
          const name = calleeName(node.expression);
          if (name !== undefined) {
            for (const info of this.functions.get(name) ?? []) {
              node.arguments.forEach((arg, index) => {
                const param = info.params[index];
                if (param !== undefined && this.isSecret(arg, fileName))
                  changed = this.taint(info.file, param) || changed;
              });
            }
            const receiver = ts.isPropertyAccessExpression(node.expression) ? node.expression.expression : undefined;
            const callback = node.arguments[0];
            if (
              ITERATING.has(name) &&
              receiver &&
              this.isSecret(receiver, fileName) &&
              callback &&
              (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))
            ) {
              const first = callback.parameters[name === 'reduce' ? 1 : 0];
              if (first && ts.isIdentifier(first.name)) changed = this.taint(fileName, first.name.text) || changed;
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    return changed;
  }

  /** What comes out of each function, by itself or from its parameters. Returns whether anything changed. */
  private summarize(): boolean {
    let changed = false;
    for (const fn of [...this.functions.values()].flat()) {
      if (!fn.intrinsic && this.returnsSecretWith(fn, [])) {
        fn.intrinsic = true;
        changed = true;
      }
      fn.params.forEach((param, index) => {
        if (param !== undefined && !fn.intrinsic && !fn.flows.has(index) && this.returnsSecretWith(fn, [param])) {
          fn.flows.add(index);
          changed = true;
        }
      });
    }
    return changed;
  }
}

/** Finds every comparison of a secret outside the timing-safe functions, across `files`. */
export function findSecretComparisons(files: readonly SourceFile[]): SecretComparison[] {
  return comparisons(new SecretScan(files));
}
