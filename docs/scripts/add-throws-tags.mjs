// Adds the missing `@throws` tags of exported functions, derived from their
// code: for each `throw new SomeError({ … })` in the function's own body, one
// tag naming the error class and, when the error names them, the argument and
// the rule it states (`argument: 'count'`, `message: 'must be …'`, `reason: …`).
// A function whose TSDoc already names what it throws is left alone, and so is
// one that only rethrows. Comment-only: nothing but TSDoc text changes.
//
//   node docs/scripts/add-throws-tags.mjs [--write] [file…]
// (default: the files that docs/scripts/api-coverage.mjs --list reports).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './generate-api.mjs';

const write = process.argv.includes('--write');
const namesIndex = process.argv.indexOf('--names');
const names = namesIndex > 0 ? new Set(process.argv[namesIndex + 1].split(',')) : undefined;
const files = process.argv.slice(2).filter((arg, index, all) => !arg.startsWith('--') && all[index - 1] !== '--names');

function ownThrows(body) {
  const found = [];
  const visit = (node) => {
    if (ts.isThrowStatement(node)) found.push(node);
    else if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  if (body) ts.forEachChild(body, visit);
  return found;
}

function literal(node) {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  // Interpolated values are written as `…` (the error message shows them).
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => `…${span.literal.text}`)].join('');
  return undefined;
}

/** One tag text per distinct thrown error, from `throw new X({ … })`. */
function throwsTags(body) {
  const tags = new Map();
  for (const statement of ownThrows(body)) {
    const expression = statement.expression;
    if (!expression || !ts.isNewExpression(expression)) continue;
    const name = expression.expression.getText();
    if (!/Error$/.test(name) || name === 'Error') continue;
    const options = expression.arguments?.[0];
    let argument;
    let rule;
    if (options && ts.isObjectLiteralExpression(options)) {
      for (const property of options.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const key = property.name.getText();
        if (key === 'argument') argument = literal(property.initializer);
        if (key === 'message' || key === 'reason') rule = literal(property.initializer);
      }
    } else if (options) rule = literal(options);
    const clean = (value) => value.replace(/\s+/g, ' ').replace(/\*\//g, '* /').trim();
    const place =
      name === 'DatasetFormatError'
        ? 'on bad input, naming the file'
        : name === 'InvalidArgumentError'
          ? 'on a bad argument'
          : 'when';
    const text = argument
      ? `for \`${argument}\`${rule ? `: ${clean(rule)}` : ''}`
      : rule
        ? `${place}: ${clean(rule)}`
        : name === 'ShapeMismatchError'
          ? 'when the array lengths do not match'
          : undefined;
    const key = `${name}:${text ?? ''}`;
    if (!tags.has(key)) tags.set(key, `@throws {@link ${name}}${text ? ` ${text}` : ''}`);
  }
  // Several rules of one error class: keep at most three, the rest summarised.
  const byClass = new Map();
  for (const tag of tags.values()) {
    const cls = /@link (\w+)/.exec(tag)[1];
    byClass.set(cls, [...(byClass.get(cls) ?? []), tag]);
  }
  return [...byClass.entries()].flatMap(([cls, list]) =>
    list.length > 3
      ? [
          ...list.slice(0, 3),
          `@throws {@link ${cls}} on the other invalid inputs this function checks (the message names the value)`,
        ]
      : list,
  );
}

function processFile(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edits = [];
  const visit = (node) => {
    if (
      ts.isFunctionDeclaration(node) &&
      node.body &&
      node.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword) &&
      (!names || names.has(node.name?.getText()))
    ) {
      const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
      const doc = docs.at(-1);
      const docText = docs.map((d) => d.getText()).join('\n');
      if (doc && !/@throws|\b[A-Z]\w*Error\b|\bthrows?\b|\brejects?\b/.test(docText)) {
        const tags = throwsTags(node.body);
        if (tags.length > 0) edits.push({ doc, tags, name: node.name?.getText() });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (edits.length === 0) return 0;
  let out = text;
  for (const { doc, tags, name } of edits.sort((a, b) => b.doc.getStart() - a.doc.getStart())) {
    const start = doc.getStart();
    const end = doc.getEnd();
    const lineStart = text.lastIndexOf('\n', start) + 1;
    const indent = text.slice(lineStart, start);
    const original = text.slice(start, end);
    let replaced;
    if (!original.includes('\n')) {
      const body = original.replace(/^\/\*\*\s*/, '').replace(/\s*\*\/$/, '');
      replaced = `/**\n${indent} * ${body}\n${tags.map((tag) => `${indent} * ${tag}`).join('\n')}\n${indent} */`;
    } else {
      replaced = original.replace(
        /\n(\s*)\*\/$/,
        (_, space) => `\n${tags.map((tag) => `${space}* ${tag}`).join('\n')}\n${space}*/`,
      );
    }
    out = out.slice(0, start) + replaced + out.slice(end);
    console.log(`${file.replace(`${repoRoot}/`, '')} ${name}: ${tags.join(' | ')}`);
  }
  if (write) writeFileSync(file, out);
  return edits.length;
}

let total = 0;
for (const file of files) total += processFile(join(process.cwd(), file));
console.log(`${total} functions${write ? ' tagged' : ' (dry run; --write to edit)'}`);
