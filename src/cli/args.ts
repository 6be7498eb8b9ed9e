// The CLI's command line: its usage text, the flags it knows, and parsers that turn a wrong flag into a LabError.
import { parseArgs } from 'node:util';
import { LabError } from '../errors.js';
import { BACKENDS, type BackendName } from '../backends/state.js';
import type { VaultPlace } from '../vault/dev-server.js';

export const USAGE = `Usage: npm run lab [-- COMMAND [--backend kind|local|existing]]

  (no command)  install what is missing, start the lab, and serve JupyterLab on 127.0.0.1
  install       install the Python venv, the tslab kernel, the compiled library and the server binaries
  up            start the API server (kind or local backend) and a dev-mode Vault
  down          stop everything \`up\` started and remove .lab/
  status        say whether each part of the lab is running (non-zero exit if not)
  progress      check every "Your turn" task of the notebooks against the running lab: ✓ or ✗ each
  doctor        check this machine: Node, Docker, kind, Go, binaries, ports, Python, Jupyter, tslab, kubectl, curl
  record        execute the notebooks and the article's terminal path; write redacted, normalized recordings/
  workshop prepare|teardown|dashboard|kit
                one shared cluster and Vault for many learners (see "Running a workshop" in the README)
  help          show this text

Options:
  --backend kind|local|existing
                         kind needs Docker and kind; local runs real server binaries as processes;
                         existing uses a cluster and Vault you are given
                         (--env FILE, or --context and VAULT_ADDR/VAULT_TOKEN)
  --env FILE             existing: the env bundle from \`workshop prepare\`
  --context NAME         existing and workshop: the kubeconfig context to use (--kubeconfig FILE, default $KUBECONFIG)
  --allow-context NAME   existing: let the lab change this context although no workshop marker is there
  --prefix P             existing: the learner prefix for every name; workshop prepare: learners are P-01, P-02, ...
  --learners N           workshop prepare: how many learners
  --dir DIR              workshop: where the roster and env bundles are (default: workshop/)
  --hours N              workshop prepare: how long the learners' credentials last (default: 12)
  --host ADDR            workshop dashboard: serve on ADDR instead of 127.0.0.1, behind a token the printed URL carries
  --from KIT             install: install everything from a workshop kit, verifying every checksum first
  --vault host|in-cluster
                         where Vault runs: a dev server on this machine (default), or, with --backend kind,
                         a pod in the cluster as the official Helm chart deploys it (notebook 07)
  --api-port N           fixed port for the API server (default: a free port)
  --vault-port N         fixed port for Vault; it also uses N+1 (default: a free pair); in the cluster,
                         the loopback port kind publishes for Vault's node port
  --port N               JupyterLab's port (default: Jupyter's choice, 8888 or the next free one)
  --only NN|transcript   record: only these notebooks (or the terminal transcript); repeat or comma-separate
  --out DIR|FILE         record: where to write (default: recordings/); workshop kit: the archive
                         (default: ./auth-delegator-lab-kit.tar.gz, never beside the env bundles)
  --quick                record: skip the warm-up run of the notebooks (outputs may then depend on the lab's history)
  --verbose              print stack traces with errors`;

const OPTIONS = {
  backend: { type: 'string' },
  vault: { type: 'string' },
  'api-port': { type: 'string' },
  'vault-port': { type: 'string' },
  port: { type: 'string' },
  only: { type: 'string', multiple: true },
  out: { type: 'string' },
  quick: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  env: { type: 'string' },
  context: { type: 'string' },
  'allow-context': { type: 'string' },
  kubeconfig: { type: 'string' },
  prefix: { type: 'string' },
  learners: { type: 'string' },
  dir: { type: 'string' },
  hours: { type: 'string' },
  host: { type: 'string' },
  from: { type: 'string' },
} as const;

/**
 * Parses the command line; an unknown or malformed flag becomes a LabError with the usage text, not parseArgs's
 * TypeError.
 */
export function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    // parseArgs says e.g. "Unknown option '--bogus'. To specify a positional argument ..."; the first sentence names
    // the
    // flag, and the rest is advice for scripts, so it is not kept as a cause.
    const problem = `${(error instanceof Error ? error.message : String(error)).split('. ')[0]?.replace(/\.$/, '')}.`;
    throw new LabError(problem, 'run `npm run lab -- help` and check the flag against the options above', {
      details: USAGE,
    });
  }
}

/** Parses --backend, refusing anything but the two backends the lab has. */
export function parseBackend(value: string | undefined): BackendName | undefined {
  if (value === undefined) return undefined;
  if ((BACKENDS as readonly string[]).includes(value)) return value as BackendName;
  throw new LabError(
    `Unknown backend "${value}".`,
    `use --backend kind (needs Docker and kind), --backend local (runs the servers as local processes) or --backend ` +
      `existing (a cluster and Vault you are given)`,
  );
}

/** Parses --vault: where Vault runs. */
export function parseVaultPlace(value: string | undefined): VaultPlace | undefined {
  if (value === undefined || value === 'host' || value === 'in-cluster') return value;
  throw new LabError(
    `Unknown Vault place "${value}".`,
    'use --vault host (a dev server on this machine) or --vault in-cluster (a pod in the kind cluster)',
  );
}

/** Parses a --*-port flag: a whole number from 1024 to 65535. */
export function parsePort(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new LabError(
      `${flag} must be a port number from 1024 to 65535, not "${value}".`,
      `run e.g. \`npm run lab -- up ${flag} 6443\`, or leave it out to use a free port`,
    );
  }
  return port;
}

/** Parses a count flag such as --learners: a whole number, whose range the command itself checks. */
export function parseCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n))
    throw new LabError(
      `${flag} must be a whole number, not "${value}".`,
      `run e.g. \`npm run lab -- workshop prepare ${flag} 20\``,
    );
  return n;
}
