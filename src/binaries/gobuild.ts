// Builds a server binary from its published Go module, the route that works with only the Go module proxy.
// The modules cannot be `go install`ed: their go.mod files replace sibling modules with local directories.
// So each build gets a throwaway wrapper module that requires the module and swaps those for published versions.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { CommandError, LabError, shellQuote } from '../errors.js';
import { run } from '../exec.js';
import { formatElapsed, type Logger, type Steps } from '../output/steps.js';
import { cacheDir } from '../paths.js';
import { wrapperGoMod } from './gomod.js';
import { installAtomically } from './put-in-place.js';
import { cachedPath, checkFresh } from './resolve.js';
import { RECIPES, type Recipe } from './recipes.js';
import { ENV_VARS, VERSIONS, type BinaryName } from './versions.js';

export { KUBERNETES_RECIPE, type Recipe } from './recipes.js';

/** Anything that prints steps (Steps itself, or `silent` in tests and quiet notebooks). */
export type Reporter = Pick<Steps, 'step'> & Logger;

/** Where a binary's full go output goes; errors name this file. */
export function buildLogPath(name: BinaryName): string {
  return join(cacheDir(), 'logs', `build-${name}-${VERSIONS[name]}.log`);
}

interface Context {
  name: string;
  /** How to do without this build when `go` is missing. */
  instead: string;
  log: WriteStream;
  logPath: string;
  update: (detail: string) => void;
}

async function go(args: string[], cwd: string, ctx: Context): Promise<string> {
  // Each command with its start time and duration, so a cold build's log says where the minutes went.
  ctx.log.write(`\n# ${new Date().toISOString()}\n$ go ${shellQuote(args)}\n`);
  const started = Date.now();
  try {
    const { stdout } = await run('go', args, {
      cwd,
      env: { GOWORK: 'off' },
      onLine: (line) => {
        ctx.log.write(`${line}\n`);
        ctx.update(line);
      },
      fix: `read the full go output in ${ctx.logPath}`,
    });
    ctx.log.write(`# go ${args[0]} took ${formatElapsed(Date.now() - started)}\n`);
    return stdout;
  } catch (error) {
    if (error instanceof CommandError && error.exitCode === undefined) {
      throw new LabError(
        `Building ${ctx.name} needs Go, and \`go\` could not be run`,
        `install Go 1.26 or newer (https://go.dev/dl/)${ctx.instead}`,
        { cause: error },
      );
    }
    throw error;
  }
}

interface Prepared {
  dir: string;
  moduleTime: string;
}

const prepared = new Map<string, Promise<Prepared>>();

/** Writes the wrapper module and resolves its dependencies once per process (shared by the k8s binaries). */
function prepare(recipe: Recipe, reporter: Reporter, ctx: Context): Promise<Prepared> {
  const dir = join(cacheDir(), 'build', `${recipe.key}-${recipe.version}`);
  let pending = prepared.get(dir);
  if (!pending) {
    pending = reporter.step(`Preparing the build module for ${recipe.module}@${recipe.version}`, async (update) => {
      const stepCtx = { ...ctx, update };
      await mkdir(dir, { recursive: true });
      const download = JSON.parse(
        await go(['mod', 'download', '-json', `${recipe.module}@${recipe.version}`], dir, stepCtx),
      ) as {
        GoMod: string;
        Info: string;
      };
      const info = JSON.parse(await readFile(download.Info, 'utf8')) as { Time: string };
      const goMod = wrapperGoMod({
        wrapperModule: `lab.local/build/${recipe.key}`,
        module: recipe.module,
        version: recipe.version,
        upstreamGoMod: await readFile(download.GoMod, 'utf8'),
        localVersion: recipe.localVersion,
      });
      await writeFile(join(dir, 'go.mod'), goMod);
      await writeFile(join(dir, 'go.sum'), '');
      await go(['get', ...Object.values(recipe.packages).map((pkg) => `${pkg}@${recipe.version}`)], dir, stepCtx);
      return { dir, moduleTime: info.Time };
    });
    pending.catch(() => prepared.delete(dir));
    prepared.set(dir, pending);
  }
  return pending;
}

/** Builds one binary of `recipe` to `outPath`; the lab's binaries and the kind node image both build this way. */
export async function compile(
  recipe: Recipe,
  name: string,
  outPath: string,
  opts: { reporter: Reporter; logPath: string; instead?: string },
): Promise<void> {
  const pkg = recipe.packages[name];
  if (!pkg)
    throw new LabError(
      `No Go package for ${name} in the ${recipe.key} build recipe`,
      `add ${name} to its packages (src/binaries/gobuild.ts)`,
    );
  const { reporter, logPath } = opts;
  await mkdir(dirname(logPath), { recursive: true });
  const log = createWriteStream(logPath, { flags: 'w' });
  const ctx: Context = { name, instead: opts.instead ?? '', log, logPath, update: () => undefined };
  try {
    const { dir, moduleTime } = await prepare(recipe, reporter, ctx);
    const ldflags = ['-s', '-w', ...recipe.ldflags(moduleTime)].join(' ');
    await reporter.step(`Compiling ${name} ${recipe.version} (full output: ${logPath})`, (update) =>
      // -p: one compile per core; callers build one binary at a time, so a 2-core machine stays usable.
      go(
        ['build', '-p', String(availableParallelism()), '-v', '-trimpath', '-ldflags', ldflags, '-o', outPath, pkg],
        dir,
        { ...ctx, update },
      ).then(() => undefined),
    );
  } finally {
    await new Promise((done) => log.end(done));
  }
}

/** Builds `name` from source into the cache and returns its path; the full go output is in buildLogPath(name). */
export async function buildFromSource(name: BinaryName, reporter: Reporter): Promise<string> {
  const logPath = buildLogPath(name);
  const instead = `, or set ${ENV_VARS[name]} to a ${name} ${VERSIONS[name]} binary`;
  return installAtomically(
    cachedPath(name),
    (temp) => compile(RECIPES[name], name, temp, { reporter, logPath, instead }),
    (temp) => checkFresh(name, temp, 'freshly built', `read ${logPath}`),
  );
}
