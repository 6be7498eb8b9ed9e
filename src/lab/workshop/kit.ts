// `workshop kit`: one archive with what a laptop needs to start the lab without the network: the server
// binaries for this platform, an npm cache holding every package in package-lock.json, and the Python
// wheels for the venv, with kit/SHA256SUMS over every file. scripts/kit.mjs reads it (install --from KIT).
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  createReadStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { ensureAllBinaries, VERSIONS, type BinaryName } from '../../binaries/binaries.js';
import { run } from '../../exec.js';
import { venvPython } from '../../jupyter/venv.js';
import type { Reporter } from '../../binaries/gobuild.js';
import { repoRoot } from '../../paths.js';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const sha256 = (path: string) =>
  new Promise<string>((ok, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => hash.update(c))
      .on('end', () => ok(hash.digest('hex')))
      .on('error', fail);
  });

/** SHA256SUMS in sha256sum's format, so `cd kit && sha256sum -c SHA256SUMS` checks it too. */
export async function checksumManifest(kit: string): Promise<string> {
  const lines: string[] = [];
  for (const path of files(kit).sort()) lines.push(`${await sha256(path)}  ${relative(kit, path)}`);
  return `${lines.join('\n')}\n`;
}

export interface KitResult {
  path: string;
  files: number;
  bytes: number;
}

/** Builds the kit in a scratch directory and writes `out` (a .tar.gz); needs the network or warm caches once. */
export async function makeKit(out: string, progress: Reporter): Promise<KitResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'lab-kit-make-'));
  const kit = join(scratch, 'kit');
  try {
    const binaries = await ensureAllBinaries({ reporter: progress });
    await progress.step('Copying the server binaries', async () => {
      const dir = join(kit, 'bin', `${process.platform}-${process.arch}`);
      mkdirSync(dir, { recursive: true });
      for (const [name, path] of Object.entries(binaries) as Array<[BinaryName, string]>)
        copyFileSync(path, join(dir, `${name}-${VERSIONS[name]}`));
    });
    await progress.step('Filling an npm cache with every package in package-lock.json', async () => {
      const project = join(scratch, 'npm-project');
      mkdirSync(project);
      for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(repoRoot, file), join(project, file));
      await run(
        'npm',
        ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', '--cache', join(kit, 'npm-cache')],
        { cwd: project, fix: 'check that the npm registry is reachable (or the npm cache is warm)' },
      );
      for (const extra of ['_logs', '_update-notifier-last-checked'])
        rmSync(join(kit, 'npm-cache', extra), { recursive: true, force: true });
    });
    await progress.step('Downloading the Python wheels for the venv', () =>
      run(
        venvPython(),
        [
          '-m',
          'pip',
          'download',
          '--disable-pip-version-check',
          '-d',
          join(kit, 'wheels'),
          '-r',
          join(repoRoot, 'requirements.txt'),
          '-c',
          join(repoRoot, 'constraints.txt'),
        ],
        {
          fix: 'run `npm run lab -- install` first (the venv makes the kit), and check that PyPI is reachable',
        },
      ),
    );
    writeFileSync(join(kit, 'SHA256SUMS'), await checksumManifest(kit));
    const path = resolve(out);
    mkdirSync(dirname(path), { recursive: true });
    await progress.step(`Writing ${relative(process.cwd(), path)}`, () =>
      run('tar', ['-czf', path, '-C', scratch, 'kit'], { fix: 'check the free space where the kit goes' }),
    );
    return { path, files: files(kit).length, bytes: statSync(path).size };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
