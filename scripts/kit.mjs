// A workshop kit, read before anything is installed: `npm run lab -- install --from KIT` runs this from
// bootstrap.mjs, before `npm ci`, so it has no dependencies. The kit (made by `workshop kit`) is a .tar.gz
// holding kit/SHA256SUMS and the files it lists:
//   kit/npm-cache/...            an npm cache holding every package in package-lock.json
//   kit/wheels/*.whl             the Python wheels requirements.txt needs
//   kit/bin/PLATFORM/NAME-VER    server binaries, per platform (e.g. linux-x64)
// Every file is checked against SHA256SUMS (and nothing unlisted may be there) before anything is installed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** @param {string} dir @returns {string[]} every file under dir, relative to it */
function files(dir, base = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), base) : [relative(base, join(dir, e.name))],
  );
}

const sha256 = (/** @type {string} */ path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * Unpacks the archive into a temporary directory and checks every file; throws naming the first mismatch.
 * @param {string} archive @returns {string} the kit directory
 */
export function unpackAndVerify(archive) {
  if (!existsSync(archive))
    throw new Error(
      `The kit ${archive} does not exist.\nFix: pass the path of the .tar.gz that \`npm run lab -- workshop kit\` wrote.`,
    );
  const scratch = mkdtempSync(join(tmpdir(), 'lab-kit-'));
  try {
    return unpackInto(archive, scratch);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** @param {string} archive @param {string} scratch @returns {string} the kit directory, every file checked */
function unpackInto(archive, scratch) {
  const tar = spawnSync('tar', ['-xzf', archive, '-C', scratch], { encoding: 'utf8' });
  if (tar.status !== 0)
    throw new Error(
      `tar -xzf ${archive} failed: ${tar.stderr.trim()}\nFix: copy the kit again; it is not a complete .tar.gz.`,
    );
  const kit = join(scratch, 'kit');
  const sums = join(kit, 'SHA256SUMS');
  if (!existsSync(sums))
    throw new Error(
      `${archive} has no kit/SHA256SUMS, so nothing in it can be trusted.\nFix: make the kit again with \`npm run lab -- workshop kit\`.`,
    );
  const listed = new Map(
    readFileSync(sums, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => /** @type {[string, string]} */ ([line.slice(66), line.slice(0, 64)])),
  );
  for (const file of files(kit).filter((f) => f !== 'SHA256SUMS')) {
    const want = listed.get(file);
    if (!want)
      throw new Error(
        `The kit holds ${file}, which SHA256SUMS does not list; nothing was installed.\nFix: make the kit again with \`npm run lab -- workshop kit\`.`,
      );
    const got = sha256(join(kit, file));
    if (got !== want)
      throw new Error(
        `Checksum mismatch for ${file} in the kit: SHA256SUMS says ${want}, the file is ${got}; nothing was installed.\nFix: copy the kit again, or make it again with \`npm run lab -- workshop kit\`.`,
      );
    listed.delete(file);
  }
  if (listed.size > 0)
    throw new Error(
      `The kit lacks ${[...listed.keys()][0]}, which SHA256SUMS lists; nothing was installed.\nFix: copy the kit again.`,
    );
  return kit;
}

/** The lab's binary cache, as src/paths.ts's cacheDir() finds it. */
function cacheDir() {
  if (process.env.LAB_CACHE_DIR) return process.env.LAB_CACHE_DIR;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'auth-delegator-lab');
}

/**
 * Installs a verified kit's npm packages (offline, from its cache) and this platform's binaries.
 * The Python wheels are installed by the CLI's `install`, which reads LAB_WHEELS. Returns the env for it.
 * @param {string} kit @param {string} root @param {(file: string, args: string[], env?: Record<string, string>) => number} run
 */
export function installKit(kit, root, run) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  console.error(' • Installing npm dependencies from the kit (npm ci --offline) ...');
  if (run(npm, ['ci', '--offline', '--no-audit', '--no-fund', '--cache', join(kit, 'npm-cache')]) !== 0) {
    throw new Error(
      '`npm ci --offline` from the kit failed (see above).\nFix: make the kit again from the same package-lock.json.',
    );
  }
  const platform = join(kit, 'bin', `${process.platform}-${process.arch}`);
  if (existsSync(platform)) {
    const bin = join(cacheDir(), 'bin');
    mkdirSync(bin, { recursive: true });
    for (const name of readdirSync(platform)) {
      copyFileSync(join(platform, name), join(bin, name));
      chmodSync(join(bin, name), 0o755);
      console.error(` ✓ ${name} → ${bin}`);
    }
  } else {
    console.error(
      ` ! The kit has no server binaries for ${process.platform}-${process.arch}; the lab will download or build them.`,
    );
  }
  return { LAB_WHEELS: join(kit, 'wheels') };
}

/**
 * Removes the unpacked kit.
 * @param {string} kit
 */
export function removeKit(kit) {
  rmSync(join(kit, '..'), { recursive: true, force: true });
}
