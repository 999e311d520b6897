// Measures how much of the public API is documented: every function and class
// exported from a package's entry points (the `@stkit/source` targets of its
// exports map), read with the TypeScript compiler API. A function (each
// overload) counts as documented when its TSDoc says
// - what it does: a non-empty summary;
// - what it takes: every parameter has an `@param` text, is named in the
//   summary, or has a named (interface / type alias) type whose properties
//   carry their own TSDoc (the house style for options objects);
// - what it returns: `@returns`, a `void`/`Promise<void>` result, a declared
//   result type of the project (an interface or alias with its own TSDoc, also
//   inside Promise/array/generator), or a summary that describes the result
//   (it names it: "Returns …", "The …", "A …", "→", or says what is computed:
//   "Converts …", "Parses …", "Creates …");
// - what it throws: when its own body has a `throw` statement, an `@throws` tag
//   or prose that names the error (an `…Error` class, "throws", "rejects").
// A class counts when it has a summary and its constructor (if declared) is
// documented by the same rules.
//
//   node docs/scripts/api-coverage.mjs [--min 95] [--list]
// prints the coverage per package and overall, lists what is missing with
// --list, and exits 1 below --min.
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { listPackages, repoRoot } from './generate-api.mjs';

const args = process.argv.slice(2);
const list = args.includes('--list');
const minIndex = args.indexOf('--min');
const minimum = minIndex >= 0 ? Number(args[minIndex + 1]) : undefined;

const packages = listPackages();
const configFile = join(repoRoot, 'packages', 'core', 'tsconfig.json');
const config = ts.getParsedCommandLineOfConfigFile(
  configFile,
  {},
  { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
);
const program = ts.createProgram(
  packages.flatMap((pkg) => pkg.entries.map((entry) => entry.file)),
  { ...config.options, noEmit: true },
);
const checker = program.getTypeChecker();

const text = (parts) => ts.displayPartsToString(parts ?? []).trim();

function hasOwnThrow(body) {
  let found = false;
  const visit = (node) => {
    if (found) return;
    if (ts.isThrowStatement(node)) found = true;
    else if (!ts.isFunctionLike(node) || node === body) ts.forEachChild(node, visit);
  };
  if (body) ts.forEachChild(body, visit);
  return found;
}

function namedType(typeNode) {
  if (!typeNode) return false;
  if (ts.isTypeReferenceNode(typeNode)) return true;
  if (ts.isUnionTypeNode(typeNode))
    return typeNode.types.every((member) => namedType(member) || member.kind === ts.SyntaxKind.UndefinedKeyword);
  return false;
}

const CONTAINERS = new Set([
  'Promise',
  'AsyncGenerator',
  'Generator',
  'AsyncIterable',
  'AsyncIterableIterator',
  'Iterable',
  'IterableIterator',
  'Array',
  'ReadonlyArray',
  'Map',
  'ReadonlyMap',
  'Set',
  'Record',
  'Partial',
  'Readonly',
]);
const BUILTINS = new Set([
  'Float64Array',
  'Float32Array',
  'Uint8Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Buffer',
  'Date',
  'RegExp',
  'Error',
  'Function',
  'Object',
  'String',
  'Number',
  'Boolean',
  'ArrayBuffer',
]);

/** An explicit return annotation that names a project type (whose TSDoc describes the result). */
function namedReturn(typeNode) {
  if (!typeNode) return false;
  if (ts.isArrayTypeNode(typeNode)) return namedReturn(typeNode.elementType);
  if (ts.isTypeOperatorNode(typeNode)) return namedReturn(typeNode.type);
  if (ts.isUnionTypeNode(typeNode)) return typeNode.types.some((member) => namedReturn(member));
  if (ts.isTypeReferenceNode(typeNode)) {
    const name = typeNode.typeName.getText();
    if (CONTAINERS.has(name)) return (typeNode.typeArguments ?? []).some((argument) => namedReturn(argument));
    return !BUILTINS.has(name);
  }
  return false;
}

/** Whether the TSDoc names what is thrown in prose (an error class, "throws", "rejects"). */
function mentionsErrors(declaration) {
  const docs = ts
    .getJSDocCommentsAndTags(declaration)
    .map((node) => node.getText())
    .join('\n');
  return /\b[A-Z]\w*Error\b|\bthrows?\b|\brejects?\b/.test(docs);
}

/** Problems of one function-like declaration (empty when documented). */
function problemsOf(declaration, symbol) {
  const problems = [];
  const signature = checker.getSignatureFromDeclaration(declaration);
  const summary = text(signature?.getDocumentationComment(checker)) || text(symbol.getDocumentationComment(checker));
  const tags = ts.getJSDocTags(declaration);
  if (!summary) problems.push('summary');
  const paramDocs = new Map(
    tags.filter(ts.isJSDocParameterTag).map((tag) => [tag.name.getText(), ts.getTextOfJSDocComment(tag.comment) ?? '']),
  );
  for (const parameter of declaration.parameters ?? []) {
    const name = parameter.name.getText();
    const named = new RegExp(`\\b${name.replace(/[^\w]/g, '')}\\b`).test(summary);
    if (!(paramDocs.get(name)?.trim() || named || namedType(parameter.type) || name.startsWith('{')))
      problems.push(`@param ${name}`);
  }
  if (!ts.isConstructorDeclaration(declaration)) {
    const returnType = signature ? checker.typeToString(checker.getReturnTypeOfSignature(signature)) : 'void';
    const returnsVoid = /^(void|Promise<void>|never|undefined)$/.test(returnType);
    // A summary that names the result ("The …", "Returns …") or says what is computed into it ("Converts a length to `unit`").
    const describes =
      /\b(returns?|yields?)\b|→|^(the|a|an|one|every|all|each|whether|true|how|which|where|converts?|computes?|parses?|formats?|encodes?|decodes?|hashes|counts?|creates?|builds?|reads?|renders?|projects?|samples?|finds?|picks?|splits?|classifies|summari[sz]es|estimates?|measures?)\b/i.test(
        summary,
      );
    if (
      !returnsVoid &&
      !namedReturn(declaration.type) &&
      !tags.some((tag) => tag.tagName.text === 'returns' || tag.tagName.text === 'return') &&
      !describes
    )
      problems.push('@returns');
  }
  if (
    hasOwnThrow(declaration.body) &&
    !tags.some((tag) => tag.tagName.text === 'throws') &&
    !mentionsErrors(declaration)
  )
    problems.push('@throws');
  return problems;
}

const rows = [];
const missing = [];
let total = 0;
let documented = 0;
for (const pkg of packages) {
  const seen = new Set();
  let pkgTotal = 0;
  let pkgDocumented = 0;
  for (const entry of pkg.entries) {
    const source = program.getSourceFile(entry.file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (seen.has(symbol)) continue;
      seen.add(symbol);
      const declarations = symbol.declarations ?? [];
      let problems;
      if (symbol.flags & ts.SymbolFlags.Function) {
        problems = declarations
          .filter((declaration) => ts.isFunctionDeclaration(declaration))
          .flatMap((declaration) => problemsOf(declaration, symbol));
      } else if (symbol.flags & ts.SymbolFlags.Class) {
        const classDeclaration = declarations.find(ts.isClassDeclaration);
        problems = text(symbol.getDocumentationComment(checker)) ? [] : ['summary'];
        for (const member of classDeclaration?.members ?? [])
          if (ts.isConstructorDeclaration(member))
            problems.push(...problemsOf(member, symbol).map((problem) => `constructor ${problem}`));
      } else if (symbol.flags & ts.SymbolFlags.Variable) {
        // `export const f = (…) => …` and `export const parse: (…) => T = …` are functions too.
        const declaration = declarations.find(ts.isVariableDeclaration);
        const type = declaration && checker.getTypeAtLocation(declaration);
        if (
          !type ||
          type.getCallSignatures().length === 0 ||
          (type.getProperties().length > 0 && !declaration.initializer)
        )
          continue;
        const initializer =
          declaration.initializer &&
          (ts.isArrowFunction(declaration.initializer) || ts.isFunctionExpression(declaration.initializer))
            ? declaration.initializer
            : undefined;
        problems = text(symbol.getDocumentationComment(checker)) ? [] : ['summary'];
        if (initializer && problems.length === 0) {
          const tags = ts.getJSDocTags(declaration.parent.parent);
          if (hasOwnThrow(initializer.body) && !tags.some((tag) => tag.tagName.text === 'throws'))
            problems.push('@throws');
        }
      } else continue;
      pkgTotal++;
      if (problems.length === 0) pkgDocumented++;
      else {
        const declaration = declarations[0];
        const file = declaration ? relative(repoRoot, declaration.getSourceFile().fileName) : '?';
        const line = declaration
          ? declaration.getSourceFile().getLineAndCharacterOfPosition(declaration.getStart()).line + 1
          : 0;
        missing.push(`${pkg.name} ${symbol.name} (${file}:${line}): ${[...new Set(problems)].join(', ')}`);
      }
    }
  }
  total += pkgTotal;
  documented += pkgDocumented;
  rows.push(
    `| ${pkg.name} | ${pkgDocumented} / ${pkgTotal} | ${pkgTotal === 0 ? '—' : ((100 * pkgDocumented) / pkgTotal).toFixed(1)} % |`,
  );
}
const percent = total === 0 ? 100 : (100 * documented) / total;
console.log(
  `| package | documented functions + classes | coverage |\n|---|---|---|\n${rows.join('\n')}\n| **all** | **${documented} / ${total}** | **${percent.toFixed(1)} %** |`,
);
if (list && missing.length > 0) console.log(`\nMissing:\n${missing.join('\n')}`);
if (minimum !== undefined && percent < minimum) {
  console.error(`API documentation coverage ${percent.toFixed(1)} % is below ${minimum} %`);
  process.exit(1);
}
void dirname;
