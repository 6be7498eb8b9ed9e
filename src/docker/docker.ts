// The lab's door to the Docker CLI, for the few things kind itself does not answer: whether an image is
// on this machine, and the containers and network kind leaves behind. Every failure names the command.
import { CommandError } from '../errors.js';
import { probe, run } from '../exec.js';

const TIMEOUT_MS = 60_000;

/** Names the one fix for a failed docker command, from what it printed. */
export function dockerCommandFix(stderr: string): string {
  if (
    /Cannot connect to the Docker daemon|Is the docker daemon running|failed to connect to the docker API/i.test(stderr)
  ) {
    return 'start Docker (or wait until `docker info` answers), then run the command again';
  }
  if (/permission denied while trying to connect/i.test(stderr)) {
    return 'let your user reach Docker (`sudo usermod -aG docker $USER`, then log in again)';
  }
  return 'run the command by hand to see what Docker says';
}

async function docker(args: string[]): Promise<string> {
  try {
    return (await run('docker', args, { timeoutMs: TIMEOUT_MS })).stdout;
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    throw new CommandError(error.argv, error.exitCode, error.stderr, dockerCommandFix(error.stderr), {
      cause: error.cause,
      problem: error.problem,
    });
  }
}

/** True when the daemon answers; `docker info` is what kind's own checks use too. */
export async function daemonAnswers(): Promise<boolean> {
  const answer = await probe('docker', ['info', '--format', '{{.ServerVersion}}'], 8000);
  return answer.ok && answer.stdout.trim() !== '';
}

/** `docker image inspect`: whether the image is on this machine (kind would otherwise try to pull it). */
export async function imageExists(ref: string): Promise<boolean> {
  try {
    await docker(['image', 'inspect', '--format', '{{.Id}}', ref]);
    return true;
  } catch (error) {
    // Only "no such image" means absent; a daemon that does not answer is an error with its own fix.
    if (error instanceof CommandError && /No such image/i.test(error.stderr)) return false;
    throw error;
  }
}

/** `docker network inspect`: whether a network of that name exists. */
export async function networkExists(name: string): Promise<boolean> {
  const names = await docker(['network', 'ls', '--filter', `name=^${name}$`, '--format', '{{.Name}}']);
  return names.split('\n').includes(name);
}

/** The names of the containers attached to a network. */
export async function networkContainers(name: string): Promise<string[]> {
  const out = await docker(['network', 'inspect', '--format', '{{range .Containers}}{{.Name}} {{end}}', name]);
  return out.split(/\s+/).filter(Boolean);
}

/** The host's IPv4 address on a network (its gateway): what a container on it reaches this machine by. */
export async function networkGateway(name: string): Promise<string | undefined> {
  const out = await docker(['network', 'inspect', '--format', '{{range .IPAM.Config}}{{.Gateway}} {{end}}', name]);
  return out.split(/\s+/).find((address) => /^\d+\.\d+\.\d+\.\d+$/.test(address));
}

/** `docker network rm`. */
export async function removeNetwork(name: string): Promise<void> {
  await docker(['network', 'rm', name]);
}

/** Every container, running or not, that carries a label (kind labels its nodes with their cluster). */
export async function containersWithLabel(label: string): Promise<string[]> {
  const out = await docker(['ps', '--all', '--filter', `label=${label}`, '--format', '{{.Names}}']);
  return out.split('\n').filter(Boolean);
}

/** `docker inspect`: the image a container was made from, as it was named. */
export async function containerImage(name: string): Promise<string> {
  return (await docker(['inspect', '--format', '{{.Config.Image}}', name])).trim();
}

/** `docker inspect`: the full ID of a container. */
export async function containerId(name: string): Promise<string> {
  return (await docker(['inspect', '--format', '{{.Id}}', name])).trim();
}
