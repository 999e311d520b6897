// Rewrites every code comment that cites "SPEC §N" into a link to the
// definitions page (docs/pages/definitions.md), which users can open: the
// section is chosen from §N and, for §2, from the words that follow on the
// same line (stationary, grid, interpolation, clock, run, comparison, unit…).
// Only comment text changes: comments are found with the TypeScript parser,
// so strings (CLI help, error messages) are left alone.
//
//   node docs/scripts/link-spec-citations.mjs [--write] [paths…]
// lists the citations (and rewrites them with --write). Default paths: the
// packages' and tools' TypeScript/JavaScript sources.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './generate-api.mjs';

const PAGE = 'docs/pages/definitions.md';
const SECTIONS = { 1: 'tasks', 2: 'grounding', 3: 'pseudo-labels', 4: 'filtering', 5: 'composition', 6: 'benchmark' };
/** §2 sub-sections by the words after the citation (first match wins). */
const GROUNDING = [
  [/stationar|parked|jitter/i, 'stationary'],
  [/camview|camera view|project(s|ed)? into|visible|drawn in the frames/i, 'presence'],
  [/interpolat|1\.0 s|bracket/i, 'interpolation'],
  [/grid|N ≤ 40|0\.5 s|frame times|clip time/i, 'grid'],
  [/direction timestamp|\bruns?\b/i, 'runs'],
  [/comparison|compar|1\.25|longest|gap-free|same direction|different direction|sports/i, 'comparisons'],
  [/clock|reference direction|12 o|angle|0\.3 m|step/i, 'clocks'],
  [/distance|speed/i, 'distance-speed'],
  [/unit|decimal|round|miles|feet|significant/i, 'units'],
  [/world frame|up vector|gravity|ground plane/i, 'world-frame'],
];

function anchorFor(section, rest) {
  if (section === '2') for (const [pattern, anchor] of GROUNDING) if (pattern.test(rest)) return anchor;
  return SECTIONS[section] ?? 'grounding';
}

/** Comment ranges of a source file, from the parser (strings and templates excluded). */
function commentRanges(file, text) {
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : undefined,
  );
  const ranges = new Map();
  const add = (list) => {
    for (const range of list ?? []) ranges.set(range.pos, range);
  };
  const visit = (node) => {
    add(ts.getLeadingCommentRanges(text, node.pos));
    add(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(source);
  add(ts.getLeadingCommentRanges(text, source.endOfFileToken.pos));
  return [...ranges.values()].sort((a, b) => a.pos - b.pos);
}

const CITATION = /SPEC §(\d)(?:[–-](\d))?('s)?/g;

/** The rewritten text of one comment. */
export function linkComment(comment) {
  return comment.replace(CITATION, (whole, section, _to, possessive = '', offset, all) => {
    const lineEnd = all.indexOf('\n', offset);
    const rest = all.slice(offset + whole.length, lineEnd < 0 ? undefined : lineEnd);
    const label = _to ? `§${section}–${_to}` : `§${section}`;
    return `[definitions ${label}](${PAGE}#${anchorFor(section, rest)})${possessive}`;
  });
}

function listSources(folder, out = []) {
  for (const name of readdirSync(folder)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) listSources(path, out);
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function main() {
  const write = process.argv.includes('--write');
  const paths = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const files =
    paths.length > 0
      ? paths.map((path) => join(process.cwd(), path))
      : ['packages', 'tools', 'examples', 'docs/snippets'].flatMap((folder) => listSources(join(repoRoot, folder)));
  let citations = 0;
  let changedFiles = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('SPEC §')) continue;
    let out = '';
    let last = 0;
    let count = 0;
    for (const range of commentRanges(file, text)) {
      const comment = text.slice(range.pos, range.end);
      if (!comment.includes('SPEC §')) continue;
      const linked = linkComment(comment);
      count += (comment.match(CITATION) ?? []).length;
      out += text.slice(last, range.pos) + linked;
      last = range.end;
    }
    if (count === 0) continue;
    out += text.slice(last);
    citations += count;
    changedFiles++;
    console.log(`${relative(repoRoot, file)}: ${count}`);
    if (write) writeFileSync(file, out);
  }
  console.log(
    `${citations} citations in ${changedFiles} files${write ? ' rewritten' : ' (dry run; --write to rewrite)'}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main();
