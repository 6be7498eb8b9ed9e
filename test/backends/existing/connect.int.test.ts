// The existing backend's guard against real servers: a learner connects from their bundle; a context
// without the workshop's marker, another cluster or a bundle made elsewhere is refused; the admin's own
// context is allowed only when named; and without a prefix, a Vault that keeps its data is refused.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBundle } from '../../../src/backends/existing/bundle.js';
import { ensureBinary } from '../../../src/binaries/binaries.js';
import { prepare } from '../../../src/lab/workshop/prepare.js';
import { teardownWorkshop } from '../../../src/lab/workshop/workshop-teardown.js';
import { silent } from '../../../src/output/steps.js';
import { LOOPBACK, freePort } from '../../../src/ports.js';
import { VaultClient } from '../../../src/vault/vault-client.js';
import { lab, uniqueName } from '../../helpers.js';
import {
  type Learner,
  expectUnchanged,
  labCli,
  learner,
  localHost,
  readText,
  snapshot,
  statusOf,
} from '../../lab/workshop/fixture.js';
import { removeTempDirs, tempDir } from '../../scratch.js';

const host = await localHost();
const dir = tempDir('guard');
const base = uniqueName('g').replace('-', '');
const A = `${base}-01`;
let a: Learner;

beforeAll(async () => {
  await prepare(host, { learners: 1, prefix: base, dir, hours: 1 }, silent);
  a = learner(dir, A);
});

afterAll(async () => {
  try {
    await teardownWorkshop(host, silent);
  } finally {
    removeTempDirs();
  }
});

/** A real Vault that keeps its data (file storage), initialised and unsealed with one key: not a dev server. */
async function persistentVault(): Promise<{ addr: string; root: string; process: ResultPromise }> {
  const data = tempDir('vault-file');
  const port = await freePort();
  const config = join(data, 'vault.hcl');
  writeFileSync(
    config,
    `storage "file" { path = "${join(data, 'data')}" }\nlistener "tcp" {\n  address = "${LOOPBACK}:${port}"\n  tls_disable = true\n}\ndisable_mlock = true\n`,
  );
  const proc = execa(await ensureBinary('vault'), ['server', `-config=${config}`], { reject: false });
  const vault = new VaultClient(`http://${LOOPBACK}:${port}`);
  for (let i = 0; i < 100 && (await vault.health(500).catch(() => undefined)) === undefined; i++)
    await new Promise((r) => setTimeout(r, 100));
  const init = await vault.must<{ keys: string[]; root_token: string }>('PUT', 'sys/init', {
    secret_shares: 1,
    secret_threshold: 1,
  });
  await vault.must('PUT', 'sys/unseal', { key: init.json?.keys[0] });
  return { addr: vault.addr, root: init.json?.root_token ?? '', process: proc };
}

describe('the existing backend and its guard', () => {
  it('connects a learner from their bundle, with their prefix, and down leaves the cluster alone', async () => {
    const state = tempDir('learner-state');
    const up = await labCli(state, ['up', '--env', a.file]);
    expect(up.exitCode, up.all).toBe(0);
    expect(up.all).toContain('The lab is up (backend: existing)');
    expect(readText(join(state, 'env'))).toContain(`export LAB_PREFIX=${A}`);
    expect((await labCli(state, ['status'])).exitCode).toBe(0);
    expect((await labCli(state, ['down'])).exitCode).toBe(0);
    expect(await statusOf(async () => (await host.kube.api).core.readNamespace({ name: `${A}-workshop` }))).toBe(
      'allowed',
    );
  });

  it('refuses, in one line and changing nothing, a context without the marker, another cluster, or a bundle made elsewhere', async () => {
    const snap = await snapshot(host);
    const labState = lab().state;
    const vaultEnv = { VAULT_ADDR: labState.vault.addr, VAULT_TOKEN: labState.vault.token };
    const other = join(tempDir('bundles'), 'other.env');
    const cases: Array<[string, string[], Record<string, string>, RegExp]> = [
      [
        'the admin context, unmarked',
        ['up', '--backend', 'existing', '--kubeconfig', labState.kubeconfig],
        vaultEnv,
        /Refusing kubeconfig context "[^"]+": the workshop marker \(namespace workshop\) cannot be read there \(HTTP 404\); nothing was changed\./,
      ],
      [
        'another cluster',
        ['up', '--env', other],
        {},
        /Refusing kubeconfig context "[^"]+": the workshop marker \(namespace .+-workshop\) cannot be read there \(.*ECONNREFUSED.*\); nothing was changed\./,
      ],
    ];
    const port = await freePort();
    writeFileSync(
      other,
      formatBundle({
        ...a.bundle,
        kubeconfig: a.bundle.kubeconfig.replace(
          /server: https:\/\/127\.0\.0\.1:\d+/,
          `server: https://127.0.0.1:${port}`,
        ),
      }),
    );
    const elsewhere = join(tempDir('bundles'), 'elsewhere.env');
    writeFileSync(elsewhere, formatBundle({ ...a.bundle, marker: '00000000-0000-4000-8000-000000000000' }));
    cases.push([
      'a bundle made for another cluster',
      ['up', '--env', elsewhere],
      {},
      /is not the one this env bundle was made for/,
    ]);
    for (const [what, args, env, message] of cases) {
      const state = tempDir('guard-state');
      const res = await labCli(state, args, env);
      expect(res.exitCode, `${what}: ${res.all}`).not.toBe(0);
      expect(res.all?.split('\n')[0], what).toMatch(/^ERROR: Refusing kubeconfig context/);
      expect(res.all, what).toMatch(message);
      expect(existsSync(join(state, 'state.json')), `${what}: no state written`).toBe(false);
    }
    await expectUnchanged(host, snap);
  });

  it('allows the admin context when --allow-context names it', async () => {
    const labState = lab().state;
    const state = tempDir('allowed-state');
    const res = await labCli(
      state,
      ['up', '--backend', 'existing', '--kubeconfig', labState.kubeconfig, '--allow-context', host.context],
      {
        VAULT_ADDR: labState.vault.addr,
        VAULT_TOKEN: labState.vault.token,
      },
    );
    expect(res.exitCode, res.all).toBe(0);
    await labCli(state, ['down']);
  });

  it('refuses, without a prefix, a Vault that keeps its data, naming what the notebooks would overwrite, and allows it with one', async () => {
    const labState = lab().state;
    const vault = await persistentVault();
    try {
      const args = [
        'up',
        '--backend',
        'existing',
        '--kubeconfig',
        labState.kubeconfig,
        '--allow-context',
        host.context,
      ];
      const env = { VAULT_ADDR: vault.addr, VAULT_TOKEN: vault.root };
      const state = tempDir('vault-guard-state');
      const refused = await labCli(state, args, env);
      expect(refused.exitCode, refused.all).not.toBe(0);
      expect(refused.all?.split('\n')[0]).toBe(
        `ERROR: Refusing Vault at ${vault.addr}: it keeps its data (storage "file"), and without a prefix the notebooks would overwrite auth/kubernetes/, auth/kubernetes-trouble/, auth/kubernetes-challenge/, auth/kubernetes-beyond/, auth/jwt-beyond/, auth/kubernetes-incident/ there (their config and roles, then disable them); nothing was changed.`,
      );
      expect(existsSync(join(state, 'state.json'))).toBe(false);
      expect(
        Object.keys(
          (await new VaultClient(vault.addr, vault.root).must<{ data?: object }>('GET', 'sys/auth')).json?.data ?? {},
        ),
      ).toEqual(['token/']);
      const allowed = await labCli(state, [...args, '--prefix', `${base}-me`], env);
      expect(allowed.exitCode, allowed.all).toBe(0);
      await labCli(state, ['down']);
    } finally {
      vault.process.kill();
    }
  });
});
