// Generates the CLI reference into docs/pages/cli (git-ignored) from the CLIs'
// own `--help`: the top-level usage of each CLI lists its commands (lines
// `  name   description` under "Commands:"), and each command's `--help` is
// rendered verbatim. The CLIs run from their TypeScript sources (tsx, the
// `@stkit/source` condition), so no build is needed.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { docsRoot } from '../.vitepress/markdown-source.mjs';

const run = promisify(execFile);
const repoRoot = join(docsRoot, '..');
const cliRoot = join(docsRoot, 'pages', 'cli');

/** The CLIs of the repository: binary name → TypeScript entry. */
export const CLIS = [
  { bin: 'stkit', entry: 'packages/pipeline/src/cli.ts', pkg: '@stkit/pipeline' },
  { bin: 'stkit-bench', entry: 'packages/bench/src/cli.ts', pkg: '@stkit/bench' },
];

/** Runs a CLI from source and returns its stdout (help exits 0; bare usage may exit 1). */
export async function cliHelp(cli, args) {
  try {
    const { stdout } = await run(
      process.execPath,
      ['--conditions=@stkit/source', '--import', 'tsx', join(repoRoot, cli.entry), ...args],
      { cwd: repoRoot, timeout: 60_000, maxBuffer: 4 << 20 },
    );
    return stdout;
  } catch (error) {
    if (typeof error.stdout === 'string' && error.stdout.trim() !== '') return error.stdout;
    throw new Error(`${cli.bin} ${args.join(' ')} failed: ${error.stderr ?? error.message}`);
  }
}

/** Command names listed under "Commands:" in a top-level usage text. */
export function commandsOf(usage) {
  const after = usage.split(/^Commands:\s*$/m)[1] ?? '';
  const lines = [];
  for (const line of after.replace(/^\n/, '').split('\n')) {
    if (line.trim() === '') break;
    lines.push(line);
  }
  return lines.map((line) => /^\s{2}([a-z][a-z0-9-]*)\s{2,}/.exec(line)?.[1]).filter((name) => name !== undefined);
}

const fence = (text) => `\`\`\`text\n${text.trimEnd()}\n\`\`\``;

async function main() {
  rmSync(cliRoot, { recursive: true, force: true });
  mkdirSync(cliRoot, { recursive: true });
  const index = [
    '# CLI reference',
    '',
    "Generated from the CLIs' own `--help` at build time, so it always matches the code.",
    '',
  ];
  for (const cli of CLIS) {
    const usage = await cliHelp(cli, ['--help']);
    index.push(`## \`${cli.bin}\``, '', `From \`${cli.pkg}\`.`, '', fence(usage), '');
    for (const command of commandsOf(usage)) {
      const help = await cliHelp(cli, [command, '--help']);
      writeFileSync(
        join(cliRoot, `${cli.bin}-${command}.md`),
        `# \`${cli.bin} ${command}\`\n\nFrom \`${cli.pkg}\`; the output of \`${cli.bin} ${command} --help\`:\n\n${fence(help)}\n`,
      );
      index.push(`- [\`${cli.bin} ${command}\`](./${cli.bin}-${command})`);
    }
    index.push('');
  }
  writeFileSync(join(cliRoot, 'index.md'), index.join('\n'));
  console.log(`CLI reference → ${cliRoot}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
