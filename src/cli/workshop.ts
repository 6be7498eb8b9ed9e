// `npm run lab -- workshop prepare|teardown|dashboard|kit`: the host's commands. Thin: parse, call src/lab/workshop.
import { relative, resolve } from 'node:path';
import { LabError } from '../errors.js';
import { color } from '../output/color.js';
import type { Steps } from '../output/steps.js';
import { connectHost } from '../lab/workshop/host.js';
import { prepare } from '../lab/workshop/prepare.js';
import { teardownWorkshop } from '../lab/workshop/workshop-teardown.js';
import { parseCount, parsePort } from './args.js';

export interface WorkshopFlags {
  context?: string;
  kubeconfig?: string;
  learners?: string;
  prefix?: string;
  dir?: string;
  hours?: string;
  host?: string;
  port?: string;
  out?: string;
}

interface Where {
  /** The roster and env bundles' directory, absolute, and as the host typed it. */
  dir: string;
  rel: string;
}

async function workshopPrepare(progress: Steps, flags: WorkshopFlags, { dir, rel }: Where): Promise<number> {
  const learners = parseCount('--learners', flags.learners);
  if (learners === undefined) {
    throw new LabError(
      'workshop prepare needs --learners N.',
      'run e.g. `npm run lab -- workshop prepare --context NAME --learners 20`',
    );
  }
  const hours = parseCount('--hours', flags.hours);
  if (hours !== undefined && (hours < 1 || hours > 168)) {
    throw new LabError(`--hours must be from 1 to 168, not ${hours}.`, 'leave it out for 12 hours');
  }
  const host = await connectHost(flags);
  const roster = await prepare(host, { learners, prefix: flags.prefix, dir, hours }, progress);
  const prepared = `${color.green('Prepared')} ${roster.learners.length} learners on context ${host.context}`;
  progress.info(`\n${prepared}; roster and env bundles in ${rel}/.`);
  progress.info(
    `Give each learner their ${rel}/PREFIX.env. ` +
      `Watch them with: npm run lab -- workshop dashboard --context ${host.context}`,
  );
  return 0;
}

async function workshopTeardown(progress: Steps, flags: WorkshopFlags): Promise<number> {
  const host = await connectHost(flags);
  const removed = await teardownWorkshop(host, progress);
  const what = `${removed.length} workshop objects from context ${host.context} and its Vault`;
  progress.info(`\n${color.green('Removed')} ${what}; nothing else was touched.`);
  return 0;
}

async function workshopDashboard(progress: Steps, flags: WorkshopFlags): Promise<number> {
  const { serveDashboard } = await import('../lab/workshop/dashboard.js');
  const host = await connectHost(flags);
  const reach =
    flags.host === undefined ? 'this machine only' : 'its token is the password: share it only with who may watch';
  const announce = (url: string) =>
    progress.info(`${color.green('The workshop dashboard is at:')} ${url}  (${reach}; Ctrl-C stops it)`);
  return serveDashboard(host, { address: flags.host, port: parsePort('--port', flags.port) }, announce);
}

async function workshopKit(progress: Steps, flags: WorkshopFlags, { dir, rel }: Where): Promise<number> {
  const { makeKit } = await import('../lab/workshop/kit.js');
  const out = resolve(flags.out ?? 'auth-delegator-lab-kit.tar.gz');
  // The kit is handed to every learner; the bundles beside the roster are each one learner's credentials.
  if (!relative(dir, out).startsWith('..')) {
    throw new LabError(
      `--out ${relative(process.cwd(), out)} is inside ${rel}/, where the learners' env bundles are: ` +
        "a kit handed out from there could carry every learner's credentials.",
      'write the kit elsewhere, e.g. --out auth-delegator-lab-kit.tar.gz',
    );
  }
  const kit = await makeKit(out, progress);
  const where = relative(process.cwd(), kit.path);
  const size = `${kit.files} files, ${(kit.bytes / 1e6).toFixed(0)} MB`;
  progress.info(`\n${color.green('Wrote')} ${where}: ${size}, each with its SHA-256 in kit/SHA256SUMS.`);
  progress.info(`On each laptop, in a fresh clone: npm run lab -- install --from ${where}`);
  return 0;
}

const SUBCOMMANDS: Readonly<Record<string, (progress: Steps, flags: WorkshopFlags, where: Where) => Promise<number>>> =
  {
    prepare: workshopPrepare,
    teardown: workshopTeardown,
    dashboard: workshopDashboard,
    kit: workshopKit,
  };

export async function commandWorkshop(progress: Steps, sub: string | undefined, flags: WorkshopFlags): Promise<number> {
  const dir = resolve(flags.dir ?? 'workshop');
  const run = SUBCOMMANDS[sub ?? ''];
  if (!run) {
    const all = Object.keys(SUBCOMMANDS)
      .map((s) => `workshop ${s}`)
      .join(', ');
    throw new LabError(`Unknown workshop command "${sub ?? ''}".`, `use one of: ${all}`);
  }
  return run(progress, flags, { dir, rel: relative(process.cwd(), dir) || '.' });
}
