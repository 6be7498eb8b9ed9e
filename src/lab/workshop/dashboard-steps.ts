// The dashboard's columns: one step per thing a learner's notebook run leaves behind on the shared
// cluster and Vault, checked live as the host (a service account that exists, a binding that lets
// TokenReviews through, a Vault mount, config or role). A step is one small object, so checks written
// elsewhere (the exercises' own) can replace these by implementing the same interface.
import { timeToDiagnosis } from '../../exercises/incident/debrief.js';
import { named, readJournal, stagedCauses } from '../../exercises/incident/journal.js';
import { formatSpan } from '../../jwt.js';
import { isStatus } from '../../kube/apis.js';
import type { Kube } from '../../kube/kube-client.js';
import { CREATE_TOKENREVIEWS } from '../../kube/rbac.js';
import type { VaultClient } from '../../vault/vault-client.js';

/** Where a step looks, for one learner; `timed` records each call's latency for the benchmark. */
export interface LearnerProbe {
  prefix: string;
  /** The learner's name for a notebook's namespace, binding or mount (lab.name in their kernel). */
  name: (base: string) => string;
  kube: Kube;
  vault: VaultClient;
  timed: <T>(system: 'kube' | 'vault', call: () => Promise<T>) => Promise<T>;
}

export interface Step {
  id: string;
  notebook: string;
  title: string;
  /**
   * True once the learner's run reached this step, or that with a short note for the cell (the incident's time to
   * diagnosis); a thrown error is shown as such, not as "not yet".
   */
  check(probe: LearnerProbe): Promise<boolean | { done: boolean; note: string }>;
}

const serviceAccount = (nsBase: string, name: string) => async (p: LearnerProbe) =>
  p.timed('kube', async () =>
    (await p.kube.api).core.readNamespacedServiceAccount({ name, namespace: p.name(nsBase) }).then(
      () => true,
      (error: unknown) => (isStatus(error, 404) ? false : Promise.reject(error)),
    ),
  );

/** A SubjectAccessReview: may NS/app create TokenReviews right now (the binding of notebook 03 or 04)? */
const mayReview = (nsBase: string, name: string) => async (p: LearnerProbe) =>
  p.timed('kube', async () => (await p.kube.canAs({ namespace: p.name(nsBase), name }, CREATE_TOKENREVIEWS)).allowed);

const vaultOk =
  (path: (p: LearnerProbe) => string, has: (json: unknown) => boolean = () => true) =>
  async (p: LearnerProbe) =>
    p.timed('vault', async () => {
      const res = await p.vault.request('GET', path(p));
      return res.status === 200 && has(res.json);
    });

const hasKeys = (json: unknown) => ((json as { data?: { keys?: unknown[] } })?.data?.keys?.length ?? 0) > 0;
const hasHost = (json: unknown) => Boolean((json as { data?: { kubernetes_host?: string } })?.data?.kubernetes_host);

/** Notebook 08: how many of the incident's causes the learner named, and how long naming them all took. */
async function incidentNamed(p: LearnerProbe) {
  const journal = await p.timed('kube', () => readJournal(p));
  if (!journal) return false;
  // A workshop's learners share a cluster and Vault: the incident draws without the signing key or a Vault pod.
  const staged = stagedCauses({ signingKey: false }, journal);
  const count = staged.filter((c) => named(journal).has(c)).length;
  const took = timeToDiagnosis(journal, staged);
  return {
    done: took !== undefined,
    note: `${count}/${staged.length}${took === undefined ? '' : ` in ${formatSpan(took)}`}`,
  };
}

/** The steps the notebooks' outcome cells show, in notebook order. */
export const NOTEBOOK_STEPS: Step[] = [
  {
    id: '02-sa',
    notebook: '02',
    title: 'service account lab-tokens/app',
    check: serviceAccount('lab-tokens', 'app'),
  },
  {
    id: '03-sa',
    notebook: '03',
    title: 'service account lab-review/app',
    check: serviceAccount('lab-review', 'app'),
  },
  {
    id: '03-review',
    notebook: '03',
    title: 'lab-review/app may create TokenReviews',
    check: mayReview('lab-review', 'app'),
  },
  {
    id: '04-mount',
    notebook: '04',
    title: 'auth/kubernetes/ enabled',
    check: vaultOk((p) => `sys/auth/${p.name('kubernetes')}`),
  },
  {
    id: '04-config',
    notebook: '04',
    title: 'auth/kubernetes/config written',
    check: vaultOk((p) => `auth/${p.name('kubernetes')}/config`, hasHost),
  },
  {
    id: '04-role',
    notebook: '04',
    title: 'a role on auth/kubernetes/',
    check: vaultOk((p) => `auth/${p.name('kubernetes')}/role?list=true`, hasKeys),
  },
  {
    id: '05-mount',
    notebook: '05',
    title: 'auth/kubernetes-trouble/ enabled',
    check: vaultOk((p) => `sys/auth/${p.name('kubernetes-trouble')}`),
  },
  {
    id: '06-mount',
    notebook: '06',
    title: 'auth/kubernetes-beyond/ configured',
    check: vaultOk((p) => `auth/${p.name('kubernetes-beyond')}/config`, hasHost),
  },
  {
    id: '06-jwt',
    notebook: '06',
    title: 'role batch on auth/jwt-beyond/',
    check: vaultOk((p) => `auth/${p.name('jwt-beyond')}/role/batch`),
  },
  {
    id: '08-incident',
    notebook: '08',
    title: "the incident's causes named, and the time to name them all",
    check: incidentNamed,
  },
];

export type Cell = 'done' | 'not yet' | 'error';

/** One learner's row: each step's state, and the first error's text for the cell's tooltip. */
export async function learnerRow(
  steps: readonly Step[],
  probe: LearnerProbe,
): Promise<{ cells: Record<string, Cell>; errors: Record<string, string>; notes: Record<string, string> }> {
  const cells: Record<string, Cell> = {};
  const errors: Record<string, string> = {};
  const notes: Record<string, string> = {};
  await Promise.all(
    steps.map(async (step) => {
      try {
        const answer = await step.check(probe);
        const done = typeof answer === 'boolean' ? answer : answer.done;
        cells[step.id] = done ? 'done' : 'not yet';
        if (typeof answer !== 'boolean') notes[step.id] = answer.note;
      } catch (error) {
        cells[step.id] = 'error';
        errors[step.id] = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      }
    }),
  );
  return { cells, errors, notes };
}
