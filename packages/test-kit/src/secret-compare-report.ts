/**
 * The last step of the secret-comparison rule: every comparison whose side holds a secret, as found by
 * the scan of `secret-compare.ts`, unless the line before says `// secret-compare-ok: <why>`.
 */
import ts from 'typescript';
import type { SecretScan } from './secret-compare';
import {
  ALLOW,
  COMPARING,
  EQUALITY,
  calleeName,
  isTrivial,
  isTypeof,
  type SecretComparison,
} from './secret-compare-rules';

/** Every comparison of a secret with `===`, `!==`, `==`, `!=`, `Object.is`, `switch` or `includes`. */
export function comparisons(scan: SecretScan): SecretComparison[] {
  const found: SecretComparison[] = [];
  for (const { fileName, source } of scan.parsed) {
    const lines = source.text.split('\n');
    const report = (node: ts.Node): void => {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      if (line > 0 && ALLOW.test(lines[line - 1] ?? '')) return;
      found.push({ file: fileName, line: line + 1, text: node.getText(source).replace(/\s+/g, ' ').slice(0, 120) });
    };
    const compares = (a: ts.Expression, b: ts.Expression): boolean =>
      !isTypeof(a) &&
      !isTypeof(b) &&
      ((scan.isSecret(a, fileName) && !isTrivial(b)) || (scan.isSecret(b, fileName) && !isTrivial(a)));
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
              ? scan.isSecret(receiver, fileName)
              : receiver !== undefined && scan.isSecret(receiver, fileName);
          const isStatic =
            receiver !== undefined && ts.isIdentifier(receiver) && /^(Object|Buffer)$/.test(receiver.text);
          if (
            isStatic
              ? first !== undefined && second !== undefined && compares(first, second)
              : (receiverIsSecret && first !== undefined && !isTrivial(first)) ||
                node.arguments.some((arg) => scan.isSecret(arg, fileName))
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
