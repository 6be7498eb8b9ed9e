import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CommandError, LabError } from '../../src/errors.js';
import { labClusterConfig } from '../../src/kind/config.js';
import { INSTALL_FIX } from '../../src/kind/fix.js';
import { Kind, createArgs, parseClusters } from '../../src/kind/cli.js';
import { ALREADY_EXISTS, DOCKER_DOWN } from './stderr.js';

const fixtures = fileURLToPath(new URL('../fixtures/bin', import.meta.url));

let dir: string;
let log: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kind-test-'));
  log = join(dir, 'argv.log');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A Kind that finds the fake kind first on PATH, as execa's own tests do. */
function fakeKind(env: Record<string, string> = {}): Kind {
  return new Kind({
    env: { PATH: `${fixtures}${delimiter}${process.env.PATH ?? ''}`, FAKE_KIND_ARGV_LOG: log, ...env },
  });
}

async function calls(): Promise<{ argv: string[]; config?: string }[]> {
  if (!existsSync(log)) return [];
  return (await readFile(log, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { argv: string[]; config?: string });
}

async function rejection(promise: Promise<unknown>): Promise<CommandError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommandError);
  return error as CommandError;
}

describe('createArgs', () => {
  it('passes only the name by default', () => {
    expect(createArgs({ name: 'lab' })).toEqual(['create', 'cluster', '--name', 'lab']);
  });

  it('passes config, image, wait and kubeconfig as kind spells them', () => {
    expect(
      createArgs({
        name: 'lab',
        configPath: '/tmp/c.yaml',
        image: 'kindest/node:v1.34.0',
        wait: '60s',
        kubeconfigPath: 'k.yaml',
      }),
    ).toEqual([
      'create',
      'cluster',
      '--name',
      'lab',
      '--config',
      '/tmp/c.yaml',
      '--image',
      'kindest/node:v1.34.0',
      '--wait',
      '60s',
      '--kubeconfig',
      'k.yaml',
    ]);
  });

  it('refuses a wait without a unit, which kind would reject after a slow start', () => {
    expect(() => createArgs({ name: 'lab', wait: '60' })).toThrow(LabError);
    expect(() => createArgs({ name: 'lab', wait: '1m30s' })).not.toThrow();
  });
});

describe('parseClusters', () => {
  it('reads one name a line', () => {
    expect(parseClusters('lab\nother\n')).toEqual(['lab', 'other']);
    expect(parseClusters('lab\r\nother')).toEqual(['lab', 'other']);
  });

  it('reads no clusters as an empty list', () => {
    expect(parseClusters('')).toEqual([]);
    expect(parseClusters('No kind clusters found.\n')).toEqual([]);
  });
});

describe('Kind against a fake kind on PATH', () => {
  it('has an executable fixture (git must keep its mode)', () => {
    expect(() => accessSync(join(fixtures, 'kind'), constants.X_OK)).not.toThrow();
  });

  it('version() runs `kind version`', async () => {
    await expect(fakeKind().version()).resolves.toBe('v0.33.0');
    expect(await calls()).toEqual([{ argv: ['version'] }]);
  });

  it('listClusters() and exists() run `kind get clusters`', async () => {
    await expect(fakeKind().listClusters()).resolves.toEqual([]);
    const kind = fakeKind({ FAKE_KIND_CLUSTERS: 'lab,other' });
    await expect(kind.listClusters()).resolves.toEqual(['lab', 'other']);
    await expect(kind.exists('lab')).resolves.toBe(true);
    await expect(kind.exists('gone')).resolves.toBe(false);
    expect((await calls()).map((c) => c.argv)).toEqual(Array(4).fill(['get', 'clusters']));
  });

  it('create() passes the config through a temp file and removes it afterwards', async () => {
    const config = labClusterConfig({ apiServerPort: 6443 });
    const kubeconfigPath = join(dir, 'kubeconfig');
    const lines: string[] = [];
    await fakeKind().create({
      name: 'lab',
      config,
      image: 'kindest/node:v1.34.0',
      wait: '60s',
      kubeconfigPath,
      onLine: (line) => lines.push(line),
    });
    const [call] = await calls();
    const configPath = call?.argv[call.argv.indexOf('--config') + 1] ?? '';
    expect(call).toEqual({
      argv: [
        'create',
        'cluster',
        '--name',
        'lab',
        '--config',
        configPath,
        '--image',
        'kindest/node:v1.34.0',
        '--wait',
        '60s',
        '--kubeconfig',
        kubeconfigPath,
      ],
      config,
    });
    expect(existsSync(configPath)).toBe(false);
    expect(existsSync(kubeconfigPath)).toBe(true);
    expect(lines).toContain(' ✓ Preparing nodes 📦');
  });

  it('create() without a config passes no --config', async () => {
    await fakeKind().create({ name: 'lab' });
    expect(await calls()).toEqual([{ argv: ['create', 'cluster', '--name', 'lab'] }]);
  });

  it('delete() runs `kind delete cluster`', async () => {
    const kind = fakeKind({ FAKE_KIND_CLUSTERS: 'lab' });
    await kind.delete('lab');
    await kind.delete('lab', { kubeconfigPath: 'k.yaml' });
    expect((await calls()).map((c) => c.argv)).toEqual([
      ['delete', 'cluster', '--name', 'lab'],
      ['delete', 'cluster', '--name', 'lab', '--kubeconfig', 'k.yaml'],
    ]);
  });

  it('loadImage() runs `kind load docker-image` for the cluster', async () => {
    await fakeKind({ FAKE_KIND_CLUSTERS: 'lab' }).loadImage('lab', 'auth-delegator-lab/busybox:1.35.0');
    expect((await calls()).map((c) => c.argv)).toEqual([
      ['load', 'docker-image', 'auth-delegator-lab/busybox:1.35.0', '--name', 'lab'],
    ]);
    const error = await rejection(fakeKind().loadImage('gone', 'busybox'));
    expect(error.message).toContain('no nodes found for cluster "gone"');
  });

  it('kubeconfig() returns the host-facing or the internal kubeconfig', async () => {
    const kind = fakeKind({ FAKE_KIND_CLUSTERS: 'lab' });
    const external = parse(await kind.kubeconfig('lab')) as { clusters: { cluster: { server: string } }[] };
    const internal = parse(await kind.kubeconfig('lab', { internal: true })) as typeof external;
    expect(external.clusters[0]?.cluster.server).toBe('https://127.0.0.1:6443');
    expect(internal.clusters[0]?.cluster.server).toBe('https://lab-control-plane:6443');
    expect((await calls()).map((c) => c.argv)).toEqual([
      ['get', 'kubeconfig', '--name', 'lab'],
      ['get', 'kubeconfig', '--name', 'lab', '--internal'],
    ]);
  });
});

describe('Kind failures', () => {
  it('a leftover cluster: argv, exit code, kind’s error and the way out', async () => {
    const error = await rejection(
      fakeKind({ FAKE_KIND_CLUSTERS: 'lab' }).create({ name: 'lab', config: labClusterConfig() }),
    );
    const configPath = error.argv[error.argv.indexOf('--config') + 1] ?? '';
    try {
      expect(error.argv).toEqual(['kind', 'create', 'cluster', '--name', 'lab', '--config', configPath]);
      expect(error.exitCode).toBe(1);
      expect(error.message).toContain(
        `Command exited with code 1: kind create cluster --name lab --config ${configPath}`,
      );
      expect(error.message).toContain(ALREADY_EXISTS);
      expect(error.message).toContain(
        'Fix: the cluster is left from an earlier run: `npm run lab -- down` or `kind delete cluster --name lab`',
      );
      // Kept so the command in the message can be pasted as is.
      expect(existsSync(configPath)).toBe(true);
    } finally {
      await rm(dirname(configPath), { recursive: true, force: true });
    }
  });

  it('Docker not running', async () => {
    const error = await rejection(fakeKind({ FAKE_KIND_EXIT_CODE: '1', FAKE_KIND_STDERR: DOCKER_DOWN }).listClusters());
    expect(error.message).toContain('Command exited with code 1: kind get clusters');
    expect(error.message).toContain('Cannot connect to the Docker daemon');
    expect(error.message.split('\n').at(-1)).toBe('Fix: start Docker, or use --backend local');
  });

  it('anything else: the tail of stderr and how to rerun with the full log', async () => {
    const stderr = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');
    const kind = fakeKind({ FAKE_KIND_EXIT_CODE: '3', FAKE_KIND_STDERR: stderr, FAKE_KIND_FAIL_ON: 'delete' });
    const error = await rejection(kind.delete('lab'));
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain('Command exited with code 3: kind delete cluster --name lab');
    expect(error.message).toContain('line 40');
    expect(error.message).not.toContain('line 1\n');
    expect(error.message).toContain(
      "Fix: rerun it with kind's full log to see which step failed: kind delete cluster --name lab --verbosity 3",
    );
  });

  it('a cluster that is not there: kind’s own words', async () => {
    const error = await rejection(fakeKind().kubeconfig('missing'));
    expect(error.message).toContain("could not locate any control plane nodes for cluster named 'missing'");
  });

  it('kind not installed: "Command not found: kind" and how to install it', async () => {
    const error = await rejection(new Kind({ env: { PATH: dir } }).version());
    expect(error.exitCode).toBeUndefined();
    expect(error.message).toMatch(/^Command not found: kind\n/);
    expect(error.message.split('\n').at(-1)).toBe(`Fix: ${INSTALL_FIX}`);
  });
});
