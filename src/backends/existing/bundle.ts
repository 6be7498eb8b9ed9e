// A learner's env bundle: the one file `workshop prepare` writes for each learner, the shared-cluster
// equivalent of .lab/env. It can be sourced by a shell (kubectl and vault then reach the learner's
// cluster and Vault), and `up --backend existing --env FILE` reads it to connect the notebooks.
import { readFileSync } from 'node:fs';
import { LabError, shellQuote } from '../../errors.js';

export interface EnvBundle {
  prefix: string;
  /** The kubeconfig context inside `kubeconfig`, which the guard checks before anything changes. */
  context: string;
  /** UID of the learner's marker namespace, so the bundle only fits the cluster it was made on. */
  marker: string;
  kubeServer: string;
  /** A kubeconfig with one context: the learner's service account on the host's cluster. */
  kubeconfig: string;
  vaultAddr: string;
  vaultToken: string;
}

const KEYS: Record<keyof EnvBundle, string> = {
  prefix: 'LAB_PREFIX',
  context: 'LAB_CONTEXT',
  marker: 'LAB_MARKER',
  kubeServer: 'KUBE_API',
  kubeconfig: 'LAB_KUBECONFIG_DATA',
  vaultAddr: 'VAULT_ADDR',
  vaultToken: 'VAULT_TOKEN',
};

/** The file's text: shell `export` lines, the kubeconfig base64-encoded so it stays one line. */
export function formatBundle(bundle: EnvBundle): string {
  const value = (key: keyof EnvBundle) =>
    key === 'kubeconfig' ? Buffer.from(bundle.kubeconfig).toString('base64') : bundle[key];
  return [
    `# auth-delegator-lab: the workshop's env bundle for learner ${bundle.prefix}. Start the lab with:`,
    `#   npm run lab -- --backend existing --env FILE`,
    'export LAB_BACKEND=existing',
    ...(Object.keys(KEYS) as Array<keyof EnvBundle>).map((key) => `export ${KEYS[key]}=${shellQuote([value(key)])}`),
    '',
  ].join('\n');
}

/** Undoes shellQuote for one value: '...' with '\'' for a quote inside. */
const unquote = (raw: string) =>
  raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1).replaceAll(`'\\''`, "'") : raw;

/** Reads a bundle file, naming the first missing variable if it is not one `workshop prepare` wrote. */
export function parseBundle(text: string, file = 'the env bundle'): EnvBundle {
  const vars = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) vars.set(match[1], unquote(match[2]));
  }
  const out: Partial<EnvBundle> = {};
  for (const [key, name] of Object.entries(KEYS) as Array<[keyof EnvBundle, string]>) {
    const raw = vars.get(name);
    if (!raw)
      throw new LabError(
        `${file} has no ${name}, so it is not an env bundle from \`workshop prepare\`.`,
        'ask the workshop host for your bundle again',
      );
    out[key] = key === 'kubeconfig' ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  }
  return out as EnvBundle;
}

/** parseBundle() of a file, with a LabError when it cannot be read. */
export function readBundle(path: string): EnvBundle {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LabError(`Cannot read the env bundle ${path}.`, 'check the path of the file the workshop host gave you', {
      cause: error,
    });
  }
  return parseBundle(text, path);
}
