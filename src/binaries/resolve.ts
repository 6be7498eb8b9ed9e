// Finds a server binary the learner already has (env var, PATH, cache) and checks it is the pinned version.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, dirname, join, resolve } from 'node:path';
import { LabError } from '../errors.js';
import { run } from '../exec.js';
import { cacheDir } from '../paths.js';
import { ENV_VARS, SEARCH_PATH, VERSION_ARGS, VERSIONS, parseBinaryVersion, type BinaryName } from './versions.js';

export type Source = 'env' | 'PATH' | 'cache';

export interface Candidate {
  name: BinaryName;
  path: string;
  source: Source;
}

/** The cache keeps one file per version, so a pin bump never reuses an old binary. */
export function cachedPath(name: BinaryName): string {
  return join(cacheDir(), 'bin', `${name}-${VERSIONS[name]}`);
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Looks for `name` in each PATH directory, the way a shell would. */
export async function findOnPath(name: string, pathVariable = process.env.PATH ?? ''): Promise<string | undefined> {
  for (const dir of pathVariable.split(delimiter)) {
    if (dir && (await isExecutableFile(join(dir, name)))) return resolve(dir, name);
  }
  return undefined;
}

/**
 * The first place the binary is found: explicit env var, then PATH (where SEARCH_PATH allows), then the lab's cache.
 */
export async function findCandidate(name: BinaryName): Promise<Candidate | undefined> {
  const variable = ENV_VARS[name];
  const explicit = process.env[variable];
  if (explicit) {
    const path = resolve(explicit);
    if (!(await isExecutableFile(path))) {
      throw new LabError(
        `${variable} is set to ${explicit}, which is not an executable file`,
        `unset ${variable}, or point it at a ${name} ${VERSIONS[name]} binary`,
      );
    }
    return { name, path, source: 'env' };
  }
  const onPath = SEARCH_PATH[name] ? await findOnPath(name) : undefined;
  if (onPath) return { name, path: onPath, source: 'PATH' };
  const cached = cachedPath(name);
  return (await isExecutableFile(cached)) ? { name, path: cached, source: 'cache' } : undefined;
}

/** Asks a binary for its version; undefined `found` means the output named none. */
export async function readVersion(name: BinaryName, path: string): Promise<{ found?: string; output: string }> {
  const args = VERSION_ARGS[name];
  const { stdout, stderr } = await run(path, args, {
    timeoutMs: 15_000,
    fix: `check that ${path} is a working ${name} binary for this machine`,
  });
  const output = `${stdout}\n${stderr}`.trim();
  return { found: parseBinaryVersion(name, output), output };
}

/** The one-line fix for a binary that is not the pinned version, by where it was found. */
export function binaryFix(candidate: Candidate): string {
  const { name, path, source } = candidate;
  const wanted = `${name} ${VERSIONS[name]}`;
  if (source === 'env') return `unset ${ENV_VARS[name]}, or point it at a ${wanted} binary`;
  if (source === 'PATH') return `remove ${dirname(path)} from PATH, or set ${ENV_VARS[name]} to a ${wanted} binary`;
  return `delete ${path}; the next run downloads or builds ${wanted} again`;
}

const HOW_FOUND: Record<Source, (name: BinaryName) => string> = {
  env: (name) => `from ${ENV_VARS[name]}`,
  PATH: () => 'on PATH',
  cache: () => 'in the lab cache',
};

/** Throws unless the binary answers with exactly the pinned version. */
export async function verifyVersion(candidate: Candidate): Promise<string> {
  const { name, path } = candidate;
  const wanted = VERSIONS[name];
  const { found, output } = await readVersion(name, path);
  if (found !== wanted) {
    const what = found ? `is ${name} ${found}` : `printed no ${name} version`;
    throw new LabError(
      `${path} (${HOW_FOUND[candidate.source](name)}) ${what}, but the lab needs ${name} ${wanted}`,
      binaryFix(candidate),
      {
        details:
          `Command: ${path} ${VERSION_ARGS[name].join(' ')}\n` + `Output: ${output.split('\n').slice(0, 3).join('\n')}`,
      },
    );
  }
  return found;
}

/** Checks a freshly downloaded or built binary before it is installed; `fix` says where to look if it is wrong. */
export async function checkFresh(name: BinaryName, tempPath: string, origin: string, fix: string): Promise<void> {
  const { found, output } = await readVersion(name, tempPath);
  if (found !== VERSIONS[name]) {
    throw new LabError(
      `The ${origin} ${name} reports ${found ?? 'no version'}, not ${VERSIONS[name]}; it was not installed`,
      fix,
      {
        details: `Output: ${output.split('\n').slice(0, 3).join('\n')}`,
      },
    );
  }
}
