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

const SUBCOMMANDS = ['prepare', 'teardown', 'dashboard', 'kit'];

export async function commandWorkshop(progress: Steps, sub: string | undefined, flags: WorkshopFlags): Promise<number> {
  const dir = resolve(flags.dir ?? 'workshop');
  const rel = relative(process.cwd(), dir) || '.';
  switch (sub) {
    case 'prepare': {
      const learners = parseCount('--learners', flags.learners);
      if (learners === undefined)
        throw new LabError(
          'workshop prepare needs --learners N.',
          'run e.g. `npm run lab -- workshop prepare --context NAME --learners 20`',
        );
      const hours = parseCount('--hours', flags.hours);
      if (hours !== undefined && (hours < 1 || hours > 168))
        throw new LabError(`--hours must be from 1 to 168, not ${hours}.`, 'leave it out for 12 hours');
      const host = await connectHost(flags);
      const roster = await prepare(host, { learners, prefix: flags.prefix, dir, hours }, progress);
      progress.info(
        `\n${color.green('Prepared')} ${roster.learners.length} learners on context ${host.context}; roster and env ` +
          `` +
          `` +
          `` +
          `` +
          `` +
          `` +
          `bundles in ${rel}/.`,
      );
      progress.info(
        `Give each learner their ${rel}/PREFIX.env. Watch them with: npm run lab -- workshop dashboard --context ` +
          `${host.context}`,
      );
      return 0;
    }
    case 'teardown': {
      const host = await connectHost(flags);
      const removed = await teardownWorkshop(host, progress);
      progress.info(
        `\n${color.green('Removed')} ${removed.length} workshop objects from context ${host.context} and its Vault; ` +
          `` +
          `` +
          `` +
          `` +
          `` +
          `` +
          `nothing else was touched.`,
      );
      return 0;
    }
    case 'dashboard': {
      const { serveDashboard } = await import('../lab/workshop/dashboard.js');
      const host = await connectHost(flags);
      return serveDashboard(host, { address: flags.host, port: parsePort('--port', flags.port) }, (url) =>
        progress.info(
          `${color.green('The workshop dashboard is at:')} ${url}  ` +
            `(${
              flags.host === undefined
                ? 'this machine only'
                : 'its token is the password: share it only with who ' + 'may watch'
            }; Ctrl-C stops it)`,
        ),
      );
    }
    case 'kit': {
      const { makeKit } = await import('../lab/workshop/kit.js');
      const out = resolve(flags.out ?? 'auth-delegator-lab-kit.tar.gz');
      // The kit is handed to every learner; the bundles beside the roster are each one learner's credentials.
      if (!relative(dir, out).startsWith('..'))
        throw new LabError(
          `--out ${relative(process.cwd(), out)} is inside ${rel}/, where the learners' env bundles are: a kit ` +
            `handed out from there could carry every learner's credentials.`,
          'write the kit elsewhere, e.g. --out auth-delegator-lab-kit.tar.gz',
        );
      const kit = await makeKit(out, progress);
      const where = relative(process.cwd(), kit.path);
      progress.info(
        `\n${color.green('Wrote')} ${where}: ${kit.files} files, ${(kit.bytes / 1e6).toFixed(0)} MB, each with its ` +
          `SHA-256 in kit/SHA256SUMS.`,
      );
      progress.info(`On each laptop, in a fresh clone: npm run lab -- install --from ${where}`);
      return 0;
    }
    default:
      throw new LabError(
        `Unknown workshop command "${sub ?? ''}".`,
        `use one of: ${SUBCOMMANDS.map((s) => `workshop ${s}`).join(', ')}`,
      );
  }
}
