// The offline kit for real: `workshop kit` makes one (with the registries, as a host does before the day),
// then a fresh copy of the checkout, with an empty HOME, installs from it on a machine with no network at all
// (`unshare -rn`: a network namespace with only loopback up), and the lab starts and stops there.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { makeKit } from '../../../src/lab/workshop/kit.js';
import { silent } from '../../../src/output/steps.js';
import { repoRoot } from '../../../src/paths.js';

const scratch = mkdtempSync(join(tmpdir(), 'lab-kit-offline-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The checkout's tracked files as they are in the working tree: what a learner's fresh clone holds. */
async function freshCopy(to: string): Promise<void> {
  const { stdout } = await execa('git', ['ls-files', '-z'], { cwd: repoRoot });
  for (const file of stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(repoRoot, file))) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(to, file));
  }
}

/** Runs a shell script with no network but loopback, as the learner's laptop on the day. */
// The caches and the state directory follow HOME and the copy, as on a laptop where the lab never ran.
const offline = (script: string, cwd: string, env: Record<string, string>) =>
  execa('unshare', ['-rn', 'sh', '-c', `ip link set lo up && ${script}`], {
    cwd,
    env: {
      NO_COLOR: '1',
      LAB_STATE_DIR: '',
      LAB_CACHE_DIR: '',
      XDG_CACHE_HOME: '',
      KUBECONFIG: '',
      VAULT_ADDR: '',
      VAULT_TOKEN: '',
      ...env,
    },
    reject: false,
    all: true,
  });

describe('workshop kit', () => {
  it('installs a fresh clone with no network at all, after which the lab starts and stops', {
    timeout: 900_000,
  }, async () => {
    const kit = (await makeKit(join(scratch, 'auth-delegator-lab-kit.tar.gz'), silent)).path;
    const clone = join(scratch, 'clone');
    const home = join(scratch, 'home');
    mkdirSync(home);
    await freshCopy(clone);

    // The namespace has no route anywhere: a registry cannot even be looked up there.
    const probe = await offline(
      "node -e \"require('node:dns').lookup('registry.npmjs.org', (e) => process.exit(e ? 0 : 1))\"",
      clone,
      { HOME: home },
    );
    expect(probe.exitCode, `DNS answered inside the namespace: ${probe.all}`).toBe(0);

    const install = await offline(`npm run lab -- install --from '${kit}'`, clone, { HOME: home });
    expect(install.exitCode, install.all).toBe(0);
    expect(install.all).toContain('Every file in the kit matches its SHA-256 in SHA256SUMS');
    expect(readdirSync(join(home, '.cache', 'auth-delegator-lab', 'bin')).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^kube-apiserver-v/), expect.stringMatching(/^vault-v/)]),
    );
    for (const made of ['node_modules', '.venv', join('dist', 'index.js')])
      expect(existsSync(join(clone, made)), made).toBe(true);

    const lab = await offline(
      'npm run lab -- up --backend local && npm run lab -- status; code=$?; npm run lab -- down; exit $code',
      clone,
      { HOME: home },
    );
    expect(lab.exitCode, lab.all).toBe(0);
    expect(lab.all).toContain('The lab is up (backend: local)');
    expect(lab.all).toMatch(/✓ Vault \/v1\/sys\/health/);
  });
});
