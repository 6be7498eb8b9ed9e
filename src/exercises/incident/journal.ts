// The incident's journal: its seed and start, and each diagnosis in order, kept in a ConfigMap in the
// learner's own namespace. It holds no answer (the causes follow from the seed), and the host's dashboard reads
// it to show each learner's time to diagnosis.
import type { Lab } from '../types.js';
import type { Cause } from './causes.js';
import { causesFor, drawCauses, type Staging } from './draw.js';
import { JOURNAL, incidentNames } from './setup.js';

export interface Diagnosis {
  at: string;
  kind: 'diagnosis';
  cause: string;
  evidence: string;
  /** right: broken when named; late: staged, but fixed before it was named; wrong: not broken. */
  verdict: 'right' | 'late' | 'wrong';
  by?: 'solution';
}

export interface Journal {
  seed: number;
  count: number;
  started: string;
  entries: Diagnosis[];
}

type Reader = Pick<Lab, 'kube' | 'name'>;

export async function readJournal(lab: Reader): Promise<Journal | undefined> {
  const data = await lab.kube.readConfigMap(incidentNames(lab).namespace, JOURNAL);
  if (!data?.seed) return undefined;
  return {
    seed: Number(data.seed),
    count: Number(data.count),
    started: data.started ?? '',
    entries: JSON.parse(data.entries ?? '[]') as Diagnosis[],
  };
}

export async function writeJournal(lab: Reader, journal: Journal): Promise<void> {
  await lab.kube.writeConfigMap(incidentNames(lab).namespace, JOURNAL, {
    seed: String(journal.seed),
    count: String(journal.count),
    started: journal.started,
    entries: JSON.stringify(journal.entries),
  });
}

/** Writes the journal, read before, with `entries` added after its own. */
export function append(lab: Reader, journal: Journal, entries: readonly Diagnosis[]): Promise<void> {
  return writeJournal(lab, { ...journal, entries: [...journal.entries, ...entries] });
}

/** The causes named right (when broken, or after their fix), each with its first such diagnosis. */
export function named(journal: Journal): Map<string, Diagnosis> {
  const found = new Map<string, Diagnosis>();
  for (const e of journal.entries) {
    if (e.verdict !== 'wrong' && !found.has(e.cause)) found.set(e.cause, e);
  }
  return found;
}

/** The causes this incident broke: they follow from its seed and count, on this lab. */
export const stagedCauses = (can: Staging, journal: Journal): Cause[] =>
  drawCauses(journal.seed, journal.count, causesFor(can));
