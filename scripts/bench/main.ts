// `npm run bench`: measures the lab as a learner meets it, each figure beside its floor measured in the same
// run, and prints one table (also written as JSON). Every figure comes from real servers in this run.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readState } from '../../src/backends/state.js';
import { describe } from '../../src/errors.js';
import { repoRoot } from '../../src/paths.js';
import { coldRows } from './cold.js';
import { labCommand, lifecycleRows } from './lifecycle.js';
import { latencyRows } from './latency.js';
import { notebookRows } from './notebooks.js';
import { machine, tableText, writeReport, type Row } from './report.js';
import { rssRows } from './rss.js';
import { testRows } from './tests.js';

const SECTIONS = ['cold', 'lab', 'notebooks', 'memory', 'latency', 'tests'] as const;
type Section = (typeof SECTIONS)[number];

const USAGE = `Usage: npm run bench -- [options]
  --runs N          runs per figure (default 3); each figure is their median, with min and max
  --requests N      requests per latency row (default 300)
  --only LIST       sections to run, comma-separated: ${SECTIONS.join(',')} (default: all but tests)
  --notebooks LIST  notebook number prefixes to run, e.g. 02,03 (default: all)
  --backend B       local (default) or kind: the backend every \`lab up\` of the bench starts
  --tests           also run \`npm test\` warm (takes minutes)
  --install-log F   read cold provisioning from F instead of the cache's logs/install.log
  --out F           where the JSON goes (default bench/results.json)`;

function options() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      requests: { type: 'string', default: '300' },
      only: { type: 'string' },
      notebooks: { type: 'string' },
      tests: { type: 'boolean', default: false },
      backend: { type: 'string', default: 'local' },
      'install-log': { type: 'string' },
      out: { type: 'string', default: join(repoRoot, 'bench', 'results.json') },
      help: { type: 'boolean', default: false },
    },
  });
  const positive = (flag: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} wants a whole number of at least 1, not "${text}"`);
    return n;
  };
  const only = values.only?.split(',').map((s) => s.trim()) ?? SECTIONS.filter((s) => s !== 'tests' || values.tests);
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  if (!['local', 'kind'].includes(values.backend))
    throw new Error(`--backend is local or kind, not "${values.backend}"`);
  return {
    help: values.help,
    backend: values.backend,
    runs: positive('runs', values.runs),
    requests: positive('requests', values.requests),
    sections: new Set(only as Section[]),
    notebooks: values.notebooks?.split(',').map((s) => s.trim()),
    installLog: values['install-log'],
    out: values.out,
  };
}

async function main(): Promise<number> {
  const opts = options();
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const log = (line: string) => process.stderr.write(` • ${line}\n`);
  const startedAt = new Date().toISOString();
  const wasUp = readState() !== undefined;
  const up = ['up', '--backend', opts.backend];
  const rows: Row[] = [];
  const section = async (name: Section, measure: () => Promise<Row[]> | Row[]) => {
    if (!opts.sections.has(name)) return;
    try {
      rows.push(...(await measure()));
    } catch (error) {
      rows.push({ group: name, name: 'section', unit: 'ms', note: `not measured: ${describe(error).split('\n')[0]}` });
    }
    // Written after every section, so a run cut short keeps what it measured.
    writeReport(opts.out, { startedAt, backend: opts.backend, machine: machine(), rows });
  };
  try {
    await section('cold', () => coldRows(opts.installLog));
    await section('lab', () => lifecycleRows(opts.runs, up, log));
    const needsLab = ['notebooks', 'memory', 'latency'].some((s) => opts.sections.has(s as Section));
    if (needsLab) await labCommand(up);
    await section('notebooks', () => notebookRows(opts.runs, opts.notebooks, log));
    await section('memory', () => rssRows());
    await section('latency', () => latencyRows(opts.requests, log));
    if (opts.sections.has('tests')) await labCommand(['down']);
    await section('tests', () => testRows(log));
  } finally {
    await labCommand(wasUp ? up : ['down']);
  }
  const report = { startedAt, backend: opts.backend, machine: machine(), rows };
  process.stdout.write(`${tableText(rows)}\n`);
  const m = report.machine;
  process.stdout.write(`\n${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}. JSON: ${opts.out}\n`);
  writeReport(opts.out, report);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`ERROR: ${describe(error)}\n${USAGE}\n`);
    process.exit(1);
  },
);
