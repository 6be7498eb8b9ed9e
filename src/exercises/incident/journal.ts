// The incident's journal: its seed and start, and each diagnosis and check in order, kept in a ConfigMap in the
// learner's own namespace. It holds no answer (the causes follow from the seed), and the host's dashboard reads
// it to show each learner's time to diagnosis.
import type { Lab } from '../types.js';
import type { Cause } from './causes.js';
import { causesFor, drawCauses } from './draw.js';
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

export interface CheckEntry {
  at: string;
  kind: 'check';
  finding: string;
}

export type Entry = Diagnosis | CheckEntry;

export interface Journal {
  seed: number;
  count: number;
  started: string;
  entries: Entry[];
}

type Reader = Pick<Lab, 'kube' | 'name'>;

export async function readJournal(lab: Reader): Promise<Journal | undefined> {
  const data = await lab.kube.readConfigMap(incidentNames(lab).namespace, JOURNAL);
  if (!data?.seed) return undefined;
  return {
    seed: Number(data.seed),
    count: Number(data.count),
    started: data.started ?? '',
    entries: JSON.parse(data.entries ?? '[]') as Entry[],
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

/** Adds one entry (a no-op when no incident is running). */
export async function note(lab: Reader, entry: Entry): Promise<void> {
  const journal = await readJournal(lab);
  if (journal) await writeJournal(lab, { ...journal, entries: [...journal.entries, entry] });
}

/** The causes named right (when broken, or after their fix), each with its first such diagnosis. */
export function named(journal: Journal): Map<string, Diagnosis> {
  const found = new Map<string, Diagnosis>();
  for (const e of journal.entries) {
    if (e.kind === 'diagnosis' && e.verdict !== 'wrong' && !found.has(e.cause)) found.set(e.cause, e);
  }
  return found;
}

/** The causes this incident broke: they follow from its seed and count, on this lab. */
export const stagedCauses = (lab: Pick<Lab, 'offers'>, journal: Journal): Cause[] =>
  drawCauses(journal.seed, journal.count, causesFor(lab.offers));
