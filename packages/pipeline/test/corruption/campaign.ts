/**
 * The full corruption campaign (the figures of RELIABILITY.md):
 *
 *   node --conditions=@stkit/source --import tsx packages/pipeline/test/corruption/campaign.ts \
 *     [--bitflips N] [--kills N] [--cli-sample K] [--json FILE] [--skip-readers] [--skip-cli] [--skip-kills]
 *     [--only NAME,NAME…]   (only the reader inputs and kill commands whose name contains one of these)
 *
 * 1. Every reader input × every mutation, read in-process (10 s limit each).
 * 2. The same inputs through the `stkit` and `stkit-bench` command lines
 *    (a representative set of mutations per input): exit code, one line on
 *    stderr, no stack trace, no hang, no partial or schema-invalid output.
 * 3. Kill tests: SIGKILL at a random point of `stkit qa`, `stkit gt`,
 *    `stkit-bench run` and `stkit pseudo`, then a resumed run; the output must be byte-identical
 *    to an uninterrupted run (`--kills` runs of each, default 20).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { cliCases, runCliCase } from './cli-cases';
import { closeKillServers, runKillTrial, KILL_COMMANDS } from './kill';
import { baselineOf, cleanTargets, judge, loadTargets, targetMutations } from './targets';

const { values } = parseArgs({
  options: {
    bitflips: { type: 'string' },
    kills: { type: 'string' },
    json: { type: 'string' },
    'cli-sample': { type: 'string' },
    'skip-readers': { type: 'boolean' },
    'skip-cli': { type: 'boolean' },
    'skip-kills': { type: 'boolean' },
    only: { type: 'string' },
  },
});
const bitflips = Number(values.bitflips ?? 16);
const kills = Number(values.kills ?? 20);
/** Run every K-th command-line case (1 = all). */
const cliSample = Number(values['cli-sample'] ?? 1);

const figures: Record<string, unknown> = {};
const failures: string[] = [];
const started = performance.now();

// 1. Readers in-process.
const readerTable: Record<string, Record<string, number>> = {};
let readerCases = 0;
for (const target of values['skip-readers']
  ? []
  : (await loadTargets()).filter(
      (candidate) => values.only === undefined || values.only.split(',').some((part) => candidate.name.includes(part)),
    )) {
  const baseline = await baselineOf(target);
  for (const mutation of targetMutations(target, bitflips)) {
    const verdict = await judge(target, mutation, baseline);
    readerCases++;
    const row = (readerTable[target.name] ??= {});
    row[verdict.outcome] = (row[verdict.outcome] ?? 0) + 1;
    if (!verdict.ok)
      failures.push(`reader ${target.name} ${mutation.id}: ${verdict.outcome}: ${verdict.detail.split('\n')[0]}`);
  }
  process.stderr.write(`readers: ${target.name} done (${readerCases} cases so far)\n`);
}
figures.readers = { cases: readerCases, byTarget: readerTable };
await cleanTargets();

// 2. Command lines.
if (!values['skip-cli']) {
  const cliTable: Record<string, number> = {};
  let cliCount = 0;
  for (const [index, testCase] of (
    await cliCases({ full: true, ...(values.only !== undefined ? { only: values.only.split(',') } : {}) })
  ).entries()) {
    if (index % cliSample !== 0) continue;
    const verdict = await runCliCase(testCase);
    cliCount++;
    cliTable[verdict.outcome] = (cliTable[verdict.outcome] ?? 0) + 1;
    if (!verdict.ok) failures.push(`cli ${testCase.id}: ${verdict.outcome}: ${verdict.detail.split('\n')[0]}`);
  }
  figures.cli = { cases: cliCount, outcomes: cliTable };
  process.stderr.write(`cli: ${cliCount} cases\n`);
}

// 3. Kill tests.
if (!values['skip-kills']) {
  const killTable: Record<string, { runs: number; identical: number; killedMidRun: number }> = {};
  for (const command of KILL_COMMANDS.filter(
    (candidate) => values.only === undefined || values.only.split(',').some((part) => candidate.includes(part)),
  )) {
    const row = { runs: 0, identical: 0, killedMidRun: 0 };
    for (let run = 0; run < kills; run++) {
      const trial = await runKillTrial(command, { seed: run });
      row.runs++;
      if (trial.identical) row.identical++;
      else failures.push(`kill ${command} run ${run}: ${trial.detail}`);
      if (trial.killedMidRun) row.killedMidRun++;
    }
    killTable[command] = row;
    process.stderr.write(`kill: ${command} ${row.identical}/${row.runs} identical\n`);
  }
  figures.kills = killTable;
}

await closeKillServers();
figures.failures = failures;
figures.minutes = Number(((performance.now() - started) / 60_000).toFixed(1));
const text = JSON.stringify(figures, null, 2);
if (values.json) await writeFile(values.json, `${text}\n`);
process.stdout.write(`${text}\n`);
process.exitCode = failures.length === 0 ? 0 : 1;
