// The lab's server binaries: found where the learner keeps them, or downloaded, or built from source into a cache.
import { promiseCache } from '../cache.js';
import { LabError, describe } from '../errors.js';
import { Steps } from '../output/steps.js';
import { downloadBinary } from './download.js';
import { buildFromSource, type Reporter } from './gobuild.js';
import { releaseAsset } from './releases.js';
import { isStamped, stamp } from './stamps.js';
import {
  cachedPath,
  checkFresh,
  findCandidate,
  binaryFix,
  readVersion,
  verifyVersion,
  type Source,
} from './resolve.js';
import { BINARY_NAMES, ENV_VARS, VERSIONS, type BinaryName } from './versions.js';

export { BINARY_NAMES, ENV_VARS, VERSIONS, type BinaryName } from './versions.js';
export { buildLogPath, type Reporter } from './gobuild.js';
export { cachedPath } from './resolve.js';

export interface EnsureOptions {
  /** Prints phases and elapsed time; defaults to Steps on stderr. */
  reporter?: Reporter;
  /** Skips the download route and builds from source straight away. */
  offline?: boolean;
}

const verified = promiseCache<string, string>();

/** Remembers a binary that passed its version check, in this process and, unchanged on disk, in the next runs. */
function verifiedOnce(name: BinaryName, path: string, source: Source): Promise<string> {
  return verified(path, async () => {
    if (isStamped(path, VERSIONS[name])) return path;
    await verifyVersion({ name, path, source });
    stamp(path, VERSIONS[name]);
    return path;
  });
}

async function download(name: BinaryName, reporter: Reporter): Promise<string> {
  return reporter.step(`Downloading ${name} ${VERSIONS[name]}`, async () => {
    const asset = await releaseAsset(name);
    if (!asset)
      throw new LabError(
        `No ${name} download is published for ${process.platform}/${process.arch}`,
        'build from source',
      );
    return downloadBinary({
      ...asset,
      destination: cachedPath(name),
      check: (temp) => checkFresh(name, temp, 'downloaded', `check the download URL in src/binaries/versions.ts`),
    });
  });
}

/** Returns the absolute path of a server binary at the pinned version, downloading or building it if needed. */
export async function ensureBinary(name: BinaryName, opts: EnsureOptions = {}): Promise<string> {
  const candidate = await findCandidate(name);
  if (candidate) return verifiedOnce(name, candidate.path, candidate.source);
  const reporter = opts.reporter ?? new Steps();
  if (!opts.offline) {
    try {
      return await download(name, reporter);
    } catch (error) {
      reporter.warn(
        `No download for ${name} (${describe(error).split('\n')[0]}); building it from source with go instead.`,
      );
    }
  }
  return buildFromSource(name, reporter);
}

/** Makes sure the servers and kubectl are ready, one at a time so builds never compete for the CPU. */
export async function ensureAllBinaries(opts: EnsureOptions = {}): Promise<Record<BinaryName, string>> {
  const paths = {} as Record<BinaryName, string>;
  for (const name of BINARY_NAMES) paths[name] = await ensureBinary(name, opts);
  return paths;
}

export interface BinaryStatus {
  name: BinaryName;
  wanted: string;
  /** Where the binary was found, if anywhere. */
  path?: string;
  source?: Source;
  /** The version it reported. */
  found?: string;
  ok: boolean;
  /** What to do when not ok. */
  fix?: string;
}

/**
 * Reports, without downloading or building anything, whether a binary is ready (for `doctor` and `up`'s terminal
 * tools).
 */
export async function binaryStatus(name: BinaryName): Promise<BinaryStatus> {
  const wanted = VERSIONS[name];
  let candidate;
  try {
    candidate = await findCandidate(name);
  } catch (error) {
    const fix = error instanceof LabError ? error.fix : describe(error);
    return { name, wanted, path: process.env[ENV_VARS[name]], source: 'env', ok: false, fix };
  }
  if (!candidate) {
    return {
      name,
      wanted,
      ok: false,
      fix:
        `run \`npm run lab -- install\`, which downloads ${name} ${wanted} or builds it with Go into ` +
        `${cachedPath(name)}; or set ${ENV_VARS[name]} to such a binary`,
    };
  }
  const { path, source } = candidate;
  // A binary that answered with the pinned version before, unchanged since, is not run again (see stamps.ts).
  if (isStamped(path, wanted)) return { name, wanted, path, source, found: wanted, ok: true };
  try {
    const { found } = await readVersion(name, path);
    if (found === wanted) stamp(path, wanted);
    return found === wanted
      ? { name, wanted, path, source, found, ok: true }
      : { name, wanted, path, source, found, ok: false, fix: binaryFix(candidate) };
  } catch (error) {
    return {
      name,
      wanted,
      path,
      source,
      ok: false,
      fix: `${binaryFix(candidate)} (${describe(error).split('\n')[0]})`,
    };
  }
}
