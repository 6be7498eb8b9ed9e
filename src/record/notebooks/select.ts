// What a recording covers: which notebooks (all, or --only's) and which of this machine's values it names.
import { homedir } from 'node:os';
import type { LabState } from '../../backends/state.js';
import { LabError } from '../../errors.js';
import { labDir, repoRoot } from '../../paths.js';
import type { VaultPlace } from '../../vault/dev-server.js';
import type { KnownValue } from '../placeholders.js';

/** notebooks/NN-*.ipynb: the numbered chapters a recording runs. */
export const NOTEBOOK_FILE = /^(\d\d)-.+\.ipynb$/;
/** Files a recording owns in its folder; a full recording replaces exactly these. */
export const OWNED = /^(?:\d\d-.+\.(?:ipynb|html)|terminal\.(?:md|html|cast)|index\.html|README\.md)$/;

/**
 * The notebooks that need Vault as a pod in the kind cluster (`--vault in-cluster`). A recording of a lab covers
 * the notebooks of its Vault's place, and keeps the other place's recordings beside them.
 */
export const IN_CLUSTER_NOTEBOOKS: readonly string[] = ['07'];

/** Where Vault must run for a notebook file. */
export function notebookPlace(file: string): VaultPlace {
  return IN_CLUSTER_NOTEBOOKS.includes(file.slice(0, 2)) ? 'in-cluster' : 'host';
}

/** Whether a recording of `place` owns the file: its notebooks, the index, and on the host the terminal path. */
export function ownedBy(file: string, place: VaultPlace): boolean {
  if (!OWNED.test(file)) return false;
  if (NOTEBOOK_FILE.test(file.replace(/\.html$/, '.ipynb'))) return notebookPlace(file) === place;
  return file.startsWith('terminal.') ? place === 'host' : true;
}

/** The notebooks/NN-*.ipynb files of Vault's place, in order, narrowed to --only's numbers. */
export function selectNotebooks(
  files: readonly string[],
  only: readonly string[] = [],
  place: VaultPlace = 'host',
): { notebooks: string[]; transcript: boolean } {
  const numbered = files.filter((f) => NOTEBOOK_FILE.test(f)).sort();
  const all = numbered.filter((f) => notebookPlace(f) === place);
  if (!only.length) return { notebooks: all, transcript: place === 'host' };
  const wanted = only
    .flatMap((o) => o.split(','))
    .map((o) => o.trim())
    .filter(Boolean);
  const numberOf = (f: string, w: string) => f.startsWith(`${w.padStart(2, '0')}-`);
  const unknown = wanted.filter((w) => w !== 'transcript' && !numbered.some((f) => numberOf(f, w)));
  if (unknown.length) {
    throw new LabError(
      `--only ${unknown.join(', ')}: no such notebook.`,
      `use a notebook number (${numbered.map((f) => f.slice(0, 2)).join(', ')}) or "transcript"`,
    );
  }
  const elsewhere = wanted.filter((w) => (w === 'transcript' ? place !== 'host' : !all.some((f) => numberOf(f, w))));
  if (elsewhere.length) {
    const other: VaultPlace = place === 'host' ? 'in-cluster' : 'host';
    const where = (p: VaultPlace) => (p === 'host' ? 'on the host' : 'in the cluster');
    throw new LabError(
      `--only ${elsewhere.join(', ')}: recorded with Vault ${where(other)}, and this lab runs it ${where(place)}.`,
      `run \`npm run lab -- down\`, then \`npm run record -- --backend kind --vault ${other}\` ` +
        `with --only ${elsewhere.join(',')}`,
    );
  }
  return {
    notebooks: all.filter((f) => wanted.some((w) => numberOf(f, w))),
    transcript: wanted.includes('transcript'),
  };
}

/** The lab's and this machine's values with names: its ports, the checkout, the state folder, home. */
export function knownValues(state: LabState): KnownValue[] {
  const known: KnownValue[] = [];
  const portOf = (url: string) => (URL.canParse(url) ? new URL(url).port : '');
  const addPort = (port: string | number | undefined, name: string) => {
    if (port && !known.some((k) => k.kind === 'port' && k.value === String(port)))
      known.push({ kind: 'port', value: String(port), name });
  };
  addPort(portOf(state.kubeServer), 'api-port');
  const vaultPort = portOf(state.vault.addr);
  addPort(vaultPort, 'vault-port');
  if (vaultPort) addPort(Number(vaultPort) + 1, 'vault-cluster-port');
  for (const p of state.processes) addPort(p.port, `${p.name}-port`);
  known.push({ kind: 'path', value: repoRoot, name: 'repo' });
  // Always «lab-dir», inside the checkout (.lab/) or not (LAB_STATE_DIR), so both record the same.
  known.push({ kind: 'path', value: labDir(), name: 'lab-dir' });
  // Longest first when applied, so a checkout under the home directory still reads «repo».
  if (homedir().length > 1) known.push({ kind: 'path', value: homedir(), name: 'home' });
  return known;
}
