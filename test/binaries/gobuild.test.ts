import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { buildFromSource, buildLogPath } from '../../src/binaries/gobuild.js';
import { ensureBinary } from '../../src/binaries/binaries.js';
import { VERSIONS } from '../../src/binaries/versions.js';
import { silent } from '../../src/output/steps.js';
import { tempDir } from './fixtures.js';

// A fake `go` (shell builtins only) that records its calls; `build -o OUT` writes a binary printing $FAKE_GO_PRINTS.
const FAKE_GO = `#!/bin/sh
echo "$*" >> "$FAKE_GO_CALLS"
case "$1" in
  mod) printf '{"GoMod":"%s","Info":"%s"}\\n' "$FAKE_GO_MOD" "$FAKE_GO_INFO" ;;
  get) echo "go: added k8s.io/kubernetes $FAKE_GO_VERSION" ;;
  build)
    out=""
    while [ $# -gt 0 ]; do [ "$1" = "-o" ] && out="$2"; shift; done
    echo "k8s.io/kubernetes/cmd/kube-apiserver"
    [ -n "$FAKE_GO_FAIL" ] && { echo "$FAKE_GO_FAIL" >&2; exit 1; }
    printf '#!/bin/sh\\necho "%s"\\n' "$FAKE_GO_PRINTS" > "$out" ;;
esac
`;

const K8S = VERSIONS['kube-apiserver'];
/** The staging modules (k8s.io/api, ...) are tagged v0.X.Y for Kubernetes v1.X.Y. */
const STAGING = K8S.replace(/^v1\./, 'v0.');
const dots = (text: string) => text.replaceAll('.', '\\.');

const UPSTREAM = `module k8s.io/kubernetes

go 1.26.0

require k8s.io/api v0.0.0

replace k8s.io/api => ./staging/src/k8s.io/api
`;

let temp: Awaited<ReturnType<typeof tempDir>>;
let calls: string;
const goCalls = async () => (await readFile(calls, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean);

beforeEach(async () => {
  temp = await tempDir();
  const bin = join(temp.dir, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'go'), FAKE_GO, { mode: 0o755 });
  await writeFile(join(temp.dir, 'upstream.mod'), UPSTREAM);
  await writeFile(join(temp.dir, 'upstream.info'), JSON.stringify({ Version: K8S, Time: '2026-07-22T18:07:38Z' }));
  calls = join(temp.dir, 'calls');
  vi.stubEnv('PATH', bin);
  vi.stubEnv('LAB_CACHE_DIR', join(temp.dir, 'cache'));
  vi.stubEnv('LAB_KUBE_APISERVER', '');
  vi.stubEnv('LAB_KUBE_CONTROLLER_MANAGER', '');
  vi.stubEnv('FAKE_GO_CALLS', calls);
  vi.stubEnv('FAKE_GO_MOD', join(temp.dir, 'upstream.mod'));
  vi.stubEnv('FAKE_GO_INFO', join(temp.dir, 'upstream.info'));
  vi.stubEnv('FAKE_GO_VERSION', K8S);
  vi.stubEnv('FAKE_GO_PRINTS', `Kubernetes ${K8S}`);
  vi.stubEnv('FAKE_GO_FAIL', '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await temp.cleanup();
});

it('builds through a wrapper module, logs every go command, and a second call runs no go at all', async () => {
  const path = await ensureBinary('kube-apiserver', { reporter: silent, offline: true });
  expect(path).toBe(join(temp.dir, 'cache', 'bin', `kube-apiserver-${K8S}`));

  const buildDir = join(temp.dir, 'cache', 'build', `kubernetes-${K8S}`);
  expect(await readFile(join(buildDir, 'go.mod'), 'utf8')).toContain(`\tk8s.io/api => k8s.io/api ${STAGING}\n`);
  const [download, get, build] = await goCalls();
  expect(download).toBe(`mod download -json k8s.io/kubernetes@${K8S}`);
  expect(get).toBe(
    `get k8s.io/kubernetes/cmd/kube-apiserver@${K8S} k8s.io/kubernetes/cmd/kube-controller-manager@${K8S} k8s.io/kubernetes/cmd/kubectl@${K8S}`,
  );
  expect(build).toMatch(
    new RegExp(
      `^build -p \\d+ -v -trimpath -ldflags .*gitVersion=${dots(K8S)} .*buildDate=2026-07-22T18:07:38Z -o .*\\.kube-apiserver-${dots(K8S)}\\.tmp-.* k8s\\.io/kubernetes/cmd/kube-apiserver$`,
    ),
  );
  const log = await readFile(buildLogPath('kube-apiserver'), 'utf8');
  expect(log).toContain('$ go build -p');
  expect(log).toMatch(/^# \d{4}-\d\d-\d\dT[\d:.]+Z\n\$ go build /m);
  expect(log).toMatch(/^# go build took \d+ms$/m);

  await ensureBinary('kube-apiserver', { reporter: silent, offline: true });
  expect(await goCalls()).toHaveLength(3);
});

it('shares the prepared wrapper between kube-apiserver and kube-controller-manager', async () => {
  await ensureBinary('kube-apiserver', { reporter: silent, offline: true });
  await ensureBinary('kube-controller-manager', { reporter: silent, offline: true });
  const verbs = (await goCalls()).map((line) => line.split(' ')[0]);
  expect(verbs).toEqual(['mod', 'get', 'build', 'build']);
});

it('installs nothing when the built binary reports another version, and names the log', async () => {
  vi.stubEnv('FAKE_GO_PRINTS', 'Kubernetes v0.0.0-master+$Format:%H$');
  await expect(buildFromSource('kube-apiserver', silent)).rejects.toThrow(
    new RegExp(
      `reports v0\\.0\\.0-master.*not ${dots(K8S)}; it was not installed[\\s\\S]*Fix: read ${buildLogPath('kube-apiserver')}`,
    ),
  );
  expect(await readdir(join(temp.dir, 'cache', 'bin'))).toEqual([]);
});

it('reports a failed go build with the command, its output and the log file, and installs nothing', async () => {
  vi.stubEnv('FAKE_GO_FAIL', 'undefined: somepkg.Symbol');
  const failure = buildFromSource('kube-apiserver', silent);
  await expect(failure).rejects.toThrow(/Command exited with code 1: go build[\s\S]*undefined: somepkg\.Symbol/);
  await expect(failure).rejects.toThrow(`Fix: read the full go output in ${buildLogPath('kube-apiserver')}`);
  expect(await readdir(join(temp.dir, 'cache', 'bin'))).toEqual([]);
  await expect(access(buildLogPath('kube-apiserver'))).resolves.toBeUndefined();
  expect(await readFile(buildLogPath('kube-apiserver'), 'utf8')).toContain('undefined: somepkg.Symbol');
});
