// What to do when a kind command fails, read from what kind printed.
import { KIND_VERSION } from '../binaries/versions.js';
import { shellQuote } from '../errors.js';

export const INSTALL_FIX =
  `install kind: https://kind.sigs.k8s.io/docs/user/quick-start/#installation (or \`go ` +
  `install sigs.k8s.io/kind@${KIND_VERSION}\`)`;

/** Names the one fix for a failed kind command, from what kind printed. */
export function kindCommandFix(argv: readonly string[], stderr: string): string {
  if (/\bENOENT\b|command not found/i.test(stderr)) return INSTALL_FIX;
  if (/permission denied while trying to connect to the docker/i.test(stderr)) {
    return 'let your user reach Docker (`sudo usermod -aG docker $USER`, then log in again), or use --backend local';
  }
  if (
    /Cannot connect to the Docker daemon|failed to connect to the docker API|Is the docker daemon running/i.test(stderr)
  ) {
    return 'start Docker, or use --backend local';
  }
  if (/exec: "docker": executable file not found/i.test(stderr))
    return 'install and start Docker, or use --backend local';
  const pull = /failed to pull image "([^"]+)"/.exec(stderr);
  if (pull) {
    return (
      `the node image ${pull[1]} is not on this machine and could not be pulled: let Docker reach its ` +
      `registry, or build a node image with \`export $(npx tsx scripts/kind-node-image/main.ts)\`, which sets ` +
      `LAB_KIND_IMAGE, LAB_POD_IMAGE and LAB_VAULT_IMAGE`
    );
  }
  const exists = /node\(s\) already exist for a cluster with the name "([^"]+)"/.exec(stderr);
  if (exists) {
    return (
      `the cluster is left from an earlier run: \`npm run lab -- down\` or \`kind delete cluster --name ` +
      `${exists[1]}\``
    );
  }
  return `rerun it with kind's full log to see which step failed: ${shellQuote([...argv, '--verbosity', '3'])}`;
}
