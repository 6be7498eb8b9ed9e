// What a recording covers: which notebooks (all, or --only's) and which of this machine's values it names.
import { homedir } from 'node:os';
import type { LabState } from '../../backends/state.js';
import { LabError } from '../../errors.js';
import { labDir, repoRoot } from '../../paths.js';
import type { KnownValue } from '../placeholders.js';

/** notebooks/NN-*.ipynb: the numbered chapters a recording runs. */
export const NOTEBOOK_FILE = /^(\d\d)-.+\.ipynb$/;
/** Files a recording owns in its folder; a full recording replaces exactly these. */
export const OWNED = /^(?:\d\d-.+\.(?:ipynb|html)|terminal\.(?:md|html|cast)|index\.html|README\.md)$/;

/** The notebooks/NN-*.ipynb files, in order, narrowed to --only's numbers. */
export function selectNotebooks(
  files: readonly string[],
  only: readonly string[] = [],
): { notebooks: string[]; transcript: boolean } {
  const all = files.filter((f) => NOTEBOOK_FILE.test(f)).sort();
  if (!only.length) return { notebooks: all, transcript: true };
  const wanted = only
    .flatMap((o) => o.split(','))
    .map((o) => o.trim())
    .filter(Boolean);
  const unknown = wanted.filter((w) => w !== 'transcript' && !all.some((f) => f.startsWith(`${w.padStart(2, '0')}-`)));
  if (unknown.length) {
    throw new LabError(
      `--only ${unknown.join(', ')}: no such notebook.`,
      `use a notebook number (${all.map((f) => f.slice(0, 2)).join(', ')}) or "transcript"`,
    );
  }
  return {
    notebooks: all.filter((f) => wanted.some((w) => f.startsWith(`${w.padStart(2, '0')}-`))),
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
