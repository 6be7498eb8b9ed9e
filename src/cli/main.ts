// The lab CLI, run as `npm run lab -- COMMAND`. Thin: parse, call src/lab, print the outcome and the next step.
import { join, relative } from 'node:path';
import { LabError, describe } from '../errors.js';
import { USAGE, parseBackend, parseCommandLine, parsePort, parseVaultPlace } from './args.js';
import { color } from '../output/color.js';
import { Steps } from '../output/steps.js';
import { envPath } from '../backends/state.js';
import { labDir } from '../paths.js';

// Each command loads only its own modules, so `status` and `help` answer without loading client-node,
// the PKI library or the recorder.
const lab = {
  doctor: () => import('../doctor/doctor.js'),
  jupyter: () => import('../jupyter/jupyter-server.js'),
  down: () => import('../lab/down.js'),
  install: () => import('../lab/install.js'),
  status: () => import('../lab/status.js'),
  up: () => import('../lab/up.js'),
  record: () => import('../lab/record.js'),
  practice: () => import('../notebook/practice.js'),
  render: () => import('../exercises/task-render.js'),
  workshop: () => import('./workshop.js'),
};

const rel = (path: string) => relative(process.cwd(), path) || '.';

type UpFlags = {
  backend?: string;
  'api-port'?: string;
  'vault-port'?: string;
  vault?: string;
  env?: string;
  context?: string;
  'allow-context'?: string;
  kubeconfig?: string;
  prefix?: string;
};

async function commandUp(progress: Steps, flags: UpFlags): Promise<void> {
  const { up } = await lab.up();
  const { state, alreadyRunning } = await up(progress, {
    // An env bundle only makes sense on the existing backend, so --env alone chooses it.
    backend: parseBackend(flags.backend ?? (flags.env ? 'existing' : undefined)),
    existing: {
      env: flags.env,
      context: flags.context,
      allowContext: flags['allow-context'],
      kubeconfig: flags.kubeconfig,
      prefix: flags.prefix,
    },
    vault: parseVaultPlace(flags.vault),
    apiPort: parsePort('--api-port', flags['api-port']),
    vaultPort: parsePort('--vault-port', flags['vault-port']),
  });
  if (alreadyRunning) {
    progress.info(`The lab is already running (backend: ${state.backend}); nothing to do.`);
  } else {
    progress.info(`\n${color.green('The lab is up')} (backend: ${state.backend}).`);
  }
  progress.info(`  API server   ${state.kubeServer}`);
  progress.info(
    `  Vault        ${state.vault.addr}${state.vault.place === 'in-cluster' ? ' (pod vault/vault-0)' : ''}`,
  );
  progress.info(`  Kubeconfig   ${rel(state.kubeconfig)}`);
  progress.info(
    `\nUse it from a shell with:\n  source ${rel(envPath())} && kubectl get clusterrole system:auth-delegator`,
  );
  progress.info(`Stop it with: npm run lab -- down`);
}

async function commandRecord(
  progress: Steps,
  flags: { backend?: string; vault?: string; only?: string[]; out?: string; quick?: boolean },
): Promise<void> {
  const { record } = await lab.record();
  const result = await record({
    progress,
    backend: parseBackend(flags.backend),
    vault: parseVaultPlace(flags.vault),
    only: flags.only,
    outDir: flags.out,
    warmUp: !flags.quick,
  });
  const what = [...result.notebooks.map((n) => `${n}.ipynb`), ...(result.transcript ? ['the terminal path'] : [])].join(
    ', ',
  );
  progress.info(`\n${color.green('Recorded')} ${what} (backend: ${result.backend}) into ${rel(result.outDir)}/.`);
  progress.info(
    `Open ${rel(join(result.outDir, 'index.html'))} in a browser, or review the changes with: git diff --stat ` +
      `${rel(result.outDir)}/`,
  );
}

type Flags = ReturnType<typeof parseCommandLine>['values'];
type Command = (progress: Steps, values: Flags, positionals: string[]) => Promise<number>;

async function commandInstall(progress: Steps, values: Flags): Promise<number> {
  if (values.from) {
    throw new LabError(
      'install --from KIT must run before the npm packages exist, so bootstrap.mjs handles it.',
      `run it as: npm run lab -- install --from ${values.from}`,
    );
  }
  await (await lab.install()).install(progress);
  progress.info(`${color.green('Everything is installed.')} Start the lab with: npm run lab`);
  return 0;
}

async function commandDown(progress: Steps): Promise<number> {
  const { stopped, warning } = await (await lab.down()).down();
  if (warning) progress.warn(warning);
  const nothing = warning
    ? `None of the lab's processes was running; removed ${rel(labDir())}/.`
    : 'The lab was not running; nothing to stop.';
  progress.info(stopped.length ? `Stopped ${stopped.join(', ')} and removed ${rel(labDir())}/.` : nothing);
  return 0;
}

async function commandStatus(progress: Steps): Promise<number> {
  const { checks } = await (await lab.status()).status();
  for (const c of checks)
    progress.info(`${c.ok ? color.green(' ✓') : color.red(' ✗')} ${c.name.padEnd(24)} ${c.detail}`);
  const ok = checks.every((c) => c.ok);
  if (!ok) progress.info('\nSome parts are down. Restart with: npm run lab -- down && npm run lab -- up');
  return ok ? 0 : 1;
}

async function commandProgress(progress: Steps): Promise<number> {
  const { progressRows, runningLab } = await lab.practice();
  const rows = await progressRows(await runningLab());
  progress.info((await lab.render()).progressTable(rows).text);
  const done = rows.filter((r) => r.passed).length;
  const next = " Each notebook's \"Your turn\" cells say what to do; `await solve('ID')` applies a solution.";
  progress.info(`\n${done}/${rows.length} tasks done.${done < rows.length ? next : ''}`);
  return 0;
}

/** No command: install what is missing, start the lab, and serve JupyterLab in the foreground. */
async function commandStart(progress: Steps, values: Flags): Promise<number> {
  await (await lab.install()).install(progress);
  await commandUp(progress, values);
  progress.info(
    '\nStarting JupyterLab on 127.0.0.1 (Ctrl-C stops it; the servers keep running until `npm run lab -- down`).\n',
  );
  const { serveJupyter } = await lab.jupyter();
  return serveJupyter(parsePort('--port', values.port), (url) =>
    progress.info(`\n${color.green('Open the lab at:')} ${url}\n`),
  );
}

const COMMANDS: Readonly<Record<string, Command>> = {
  help: async (progress) => {
    progress.info(USAGE);
    return 0;
  },
  install: commandInstall,
  up: async (progress, values) => {
    await commandUp(progress, values);
    return 0;
  },
  down: commandDown,
  status: commandStatus,
  progress: commandProgress,
  doctor: async (progress) => ((await (await lab.doctor()).runDoctor(progress)) ? 0 : 1),
  workshop: async (progress, values, positionals) =>
    (await lab.workshop()).commandWorkshop(progress, positionals[1], values),
  record: async (progress, values) => {
    await commandRecord(progress, values);
    return 0;
  },
  start: commandStart,
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  const name = values.help ? 'help' : (positionals[0] ?? 'start');
  const progress = new Steps();
  const command = COMMANDS[name];
  if (command) return command(progress, values, positionals);
  progress.info(`${color.red('ERROR:')} unknown command "${name}"\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const verbose = process.argv.includes('--verbose') || Boolean(process.env.LAB_DEBUG);
    process.stderr.write(`${color.red('ERROR:')} ${describe(error, verbose)}\n`);
    process.exit(1);
  },
);
