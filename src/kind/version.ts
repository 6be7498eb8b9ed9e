// Which kind the lab can drive: the version `kind version` reports, held against the pinned release.
import { KIND_VERSION } from '../binaries/versions.js';
import { LabError } from '../errors.js';

/**
 * Refuses a kind older than the pinned release's minor version: the lab's cluster config (kubeadm patches
 * for cgroup v1 hosts) and its node image follow that release. A newer kind is fine.
 */
export function checkKindVersion(actual: string, pinned: string = KIND_VERSION): void {
  const parts = (v: string): [number, number] => {
    const [major = 0, minor = 0] = v.replace(/^v/, '').split(/[.-]/).map(Number);
    return [major, minor];
  };
  const [major, minor] = parts(actual);
  const [pinnedMajor, pinnedMinor] = parts(pinned);
  if (major < pinnedMajor || (major === pinnedMajor && minor < pinnedMinor)) {
    throw new LabError(
      `kind ${actual} is on PATH, and the lab needs kind v${pinnedMajor}.${pinnedMinor} or newer (it is tested with ` +
        `${pinned}).`,
      `install kind ${pinned} (\`go install sigs.k8s.io/kind@${pinned}\`), or use --backend local`,
    );
  }
}

/** Reads `kind version` ("kind v0.30.0 go1.24.6 linux/amd64", or bare "0.30.0" with -q) as "v0.30.0". */
export function parseKindVersion(stdout: string): string {
  const match = /(?:^|\s)v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)(?=\s|$)/.exec(stdout.trim());
  if (!match?.[1]) {
    throw new LabError(
      `Could not read a version from \`kind version\`: ${JSON.stringify(stdout.trim())}`,
      'check that the `kind` on PATH is kubernetes-sigs/kind (`command -v kind`)',
    );
  }
  return `v${match[1]}`;
}
