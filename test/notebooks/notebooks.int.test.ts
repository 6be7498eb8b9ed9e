// Every notebook, executed headless with the tslab kernel against the real local backend, in a fresh
// kernel each time: in order, in reverse order, and one notebook twice in a row. Each order is one series
// of the runner, which starts the next notebook's kernel while the current notebook runs.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VERSIONS } from '../../src/binaries/versions.js';
import { TASKS } from '../../src/exercises/task-list.js';
import {
  cellText,
  describeProblems,
  executeNotebooks,
  verdicts,
  type Notebook,
  type NotebookRun,
} from '../../src/jupyter/notebooks.js';
import { exchanges, traces } from '../../src/jupyter/answers.js';
import { repoRoot } from '../../src/paths.js';
import { selectNotebooks } from '../../src/record/notebooks/select.js';

const dir = join(repoRoot, 'notebooks');
// Vault runs on the host in these runs; notebook 07 needs it in the cluster (test/backends/kind/in-cluster.docker.test.ts).
const NOTEBOOKS = selectNotebooks(readdirSync(dir)).notebooks;
const [IN_CLUSTER] = selectNotebooks(readdirSync(dir), [], 'in-cluster').notebooks;

/** Index of the first code cell after `after` whose shown text matches every pattern. */
function cellShowing(nb: Notebook, patterns: Array<string | RegExp>, after = -1): number {
  return nb.cells.findIndex(
    (cell, i) =>
      i > after &&
      cell.cell_type === 'code' &&
      patterns.every((p) => (typeof p === 'string' ? cellText(cell).includes(p) : p.test(cellText(cell)))),
  );
}

/** Runs the notebooks as one series and returns each executed notebook once it is known to have run cleanly. */
async function runClean(names: readonly string[]): Promise<Notebook[]> {
  const runs = await executeNotebooks(names.map((name) => join(dir, name)));
  return runs.map(({ notebook, problems }, k) => {
    expect(problems, describeProblems(join(dir, names[k] ?? ''), problems)).toEqual([]);
    return notebook;
  });
}

/** What `npm run lab -- status` checks, in notebook 00's status table: on kind, the servers run in the node. */
const LAB_COMPONENTS = [
  ...(process.env.LAB_TEST_BACKEND === 'kind' ? [] : ['etcd', 'kube-apiserver', 'kube-controller-manager']),
  'vault',
  'API server /readyz',
  'Vault /v1/sys/health',
];

/** What each notebook must show, beyond running cleanly: what the real servers answered. */
const OUTCOMES: Record<string, (nb: Notebook) => void> = {
  '00-fast-path.ipynb': (nb) => {
    // The article in one sitting, from what the real kubectl, curl and vault printed.
    const role = cellShowing(nb, ['$ kubectl get clusterrole system:auth-delegator', '- tokenreviews']);
    expect(role, 'kubectl shows the ClusterRole').toBeGreaterThan(-1);
    const denied = cellShowing(nb, ['$ curl', /^HTTP\/[\d.]+ 403/m, 'cannot create resource'], role);
    expect(denied, "curl's TokenReview without a binding: 403").toBeGreaterThan(role);
    const granted = cellShowing(nb, ['$ curl', /^HTTP\/[\d.]+ 201/m, /"authenticated": ?true/, 'lab-fast:app'], denied);
    expect(granted, 'the same curl with the binding: 201, authenticated as app').toBeGreaterThan(denied);
    const refused = cellShowing(nb, ['$ vault write', 'Code: 403', '* permission denied'], granted);
    expect(refused, "Vault's login while app may not review: 403 permission denied").toBeGreaterThan(granted);
    const loggedIn = cellShowing(nb, ['$ vault write', /"token_policies": \[\s*"default"/], refused);
    expect(loggedIn, 'the same login once bound: a Vault token').toBeGreaterThan(refused);
  },
  '00-start-here.ipynb': (nb) => {
    const status = cellShowing(nb, LAB_COMPONENTS);
    expect(status, 'a cell shows the lab status').toBeGreaterThan(-1);
    const rows = cellText(nb.cells[status]!).split('\n');
    for (const component of LAB_COMPONENTS) {
      expect(
        rows.find((row) => row.startsWith(`${component} `)),
        `${component} is up`,
      ).toMatch(/ ✓ /);
    }
    const version = cellShowing(nb, ['API server version', VERSIONS['kube-apiserver']], status);
    expect(
      version,
      `a later cell shows the API server answering GET /version with ${VERSIONS['kube-apiserver']}`,
    ).toBeGreaterThan(status);
    const progress = cellShowing(
      nb,
      TASKS.map((t) => t.id),
      version,
    );
    expect(progress, 'a later cell shows every task with its ✓ or ✗, checked against the lab').toBeGreaterThan(version);
    expect(cellText(nb.cells[progress]!)).toMatch(/01 +01-clusterrole +[✓✗] /);
  },
  '01-the-clusterrole.ipynb': (nb) => {
    const role = cellShowing(nb, [
      'kind: ClusterRole',
      'name: system:auth-delegator',
      '- tokenreviews',
      '- subjectaccessreviews',
    ]);
    expect(role, 'a cell shows the ClusterRole as the API server returns it').toBeGreaterThan(-1);
    const rules = cellShowing(
      nb,
      [/authentication\.k8s\.io +tokenreviews +create/, /authorization\.k8s\.io +subjectaccessreviews +create/],
      role,
    );
    expect(rules, 'a later cell lists its two rules: create tokenreviews and subjectaccessreviews').toBeGreaterThan(
      role,
    );
    expect(
      cellShowing(nb, [/tokenreviews +TokenReview +false +\["create"\]/]),
      'the API server lists tokenreviews as cluster-scoped',
    ).toBeGreaterThan(-1);
    expect(
      cellShowing(nb, [/label +kubernetes\.io\/bootstrapping +rbac-defaults/]),
      "the role carries the API server's bootstrap label",
    ).toBeGreaterThan(-1);
  },
  '02-a-service-account-token.ipynb': (nb) => {
    const podBound = cellShowing(nb, ['kubernetes.io/pod.name', 'token-reader', 'kubernetes.io/warnafter']);
    expect(podBound, 'a cell shows the claims of a pod-bound token').toBeGreaterThan(-1);
    if (process.env.LAB_TEST_BACKEND === 'kind') {
      // The article's step: the token file of a real pod, read with kubectl exec, on a node with a kubelet.
      const running = cellShowing(nb, [/pod phase +Running/, /node +auth-delegator-lab-control-plane/]);
      expect(running, 'a cell shows the pod Running on the kind node').toBeGreaterThan(-1);
      expect(
        cellShowing(nb, ['Way 1', 'read from the pod'], running),
        'a later cell reads the token from the pod',
      ).toBeGreaterThan(running);
    }
    const legacy = cellShowing(nb, ['kubernetes/serviceaccount', '(none: this token never expires)'], podBound);
    expect(legacy, 'a later cell shows a legacy token without exp').toBeGreaterThan(podBound);
    const reviewed = cellShowing(nb, [/(\d +true +system:serviceaccount:lab-tokens:app[^\n]*\n?){3}/], legacy);
    expect(reviewed, 'a later cell shows all three tokens authenticated as the same user').toBeGreaterThan(legacy);
  },
  '03-tokenreview.ipynb': (nb) => {
    const forbidden = cellShowing(nb, ['HTTP/1.1 403 Forbidden', 'cannot create resource \\"tokenreviews\\"']);
    expect(forbidden, 'a cell shows the 403 Forbidden answer').toBeGreaterThan(-1);
    const granted = cellShowing(
      nb,
      ['HTTP/1.1 201 Created', '"authenticated": true', 'system:serviceaccount:lab-review:app'],
      forbidden,
    );
    expect(granted, 'a later cell shows the 201 answer with the service account user').toBeGreaterThan(forbidden);
    // can-i: no before any binding, yes in the namespace, yes after the ClusterRoleBinding, and 403 again without it.
    expect(verdicts(nb).map((v) => [v.verdict, v.expected])).toEqual([
      [false, false],
      [true, true],
      [true, true],
      [true, true],
    ]);
    const groups = cellShowing(nb, [/only here\s+system:serviceaccounts:lab-review\b/], granted);
    expect(groups, "a later cell shows the namespace's group, which the article's answer lacks").toBeGreaterThan(
      granted,
    );
  },
  '04-vault-kubernetes-auth.ipynb': (nb) => {
    // Vault's own answers to each login, from the outputs' metadata: prose that says "permission denied" is no proof.
    const logins = exchanges(nb).filter((e) => /\/v1\/auth\/[^/]+\/login$/.test(e.path));
    expect(logins.map((e) => [e.status, (e.errors ?? []).join('; ')])).toEqual([
      [403, 'permission denied'], // app's own JWT as the bearer, no binding
      [200, ''], // app bound
      [403, 'service account name not authorized'], // another account: the role's bounds, no TokenReview
      [403, 'namespace not authorized'], // app of another namespace
      [403, 'permission denied'], // reviewer mode, the reviewer not bound
      [200, ''], // the reviewer bound, app not
    ]);
    // The API server's answers to the TokenReview Vault sends, as the tables beside those logins show them.
    const own = cellShowing(nb, [/app → Vault: login +403/, /Vault → API server: TokenReview +403/]);
    expect(own, 'the TokenReview with app as its own bearer: 403').toBeGreaterThan(-1);
    const reviewer = cellShowing(nb, [/app → Vault: login +403/, /Vault → API server: TokenReview +403/], own);
    expect(reviewer, 'the TokenReview with the unbound reviewer as bearer: 403').toBeGreaterThan(own);
    // The tracer's own record of the two traced logins: who was the bearer, and what the API server answered.
    expect(traces(nb).map(({ bearer, status, authenticated }) => [bearer, status, authenticated])).toEqual([
      ['system:serviceaccount:lab-vault:vault-reviewer', 201, true],
      ['system:serviceaccount:lab-vault:app', 403, false],
    ]);
  },
  '05-troubleshooting.ipynb': (nb) => {
    // Each failure shows its real error, and a later cell logs in again once it is fixed.
    let after = -1;
    for (const error of [
      'x509: certificate signed by unknown authority',
      'connect: connection refused',
      'token is expired',
      'at the cluster scope',
      'audience claim does not match any expected audience',
    ]) {
      const failed = cellShowing(nb, [/Vault answered the client\s+403/, error], after);
      expect(failed, `a cell shows the login refused with: ${error}`).toBeGreaterThan(after);
      const fixed = cellShowing(nb, [/Vault answered the client\s+200/], failed);
      expect(fixed, `a later cell logs in again after: ${error}`).toBeGreaterThan(failed);
      after = fixed;
    }
    // Vault's config, read back: the other CA's fingerprint while broken, the lab's again once fixed.
    const fingerprint = (row: string) => new RegExp(`${row}[^\\n]*?((?:[0-9A-F]{2}:){31}[0-9A-F]{2})`);
    const cas = cellText(nb.cells[cellShowing(nb, [/another CA/])] ?? { cell_type: 'code', source: '' });
    const [labCa, otherCa] = [fingerprint("the lab's CA"), fingerprint('another CA')].map((r) => r.exec(cas)?.[1]);
    expect(otherCa, 'the two CAs are shown by fingerprint').toMatch(/:/);
    const broken = cellShowing(nb, [new RegExp(`kubernetes_ca_cert +${otherCa}`)]);
    expect(broken, "Vault holds the other CA's fingerprint").toBeGreaterThan(-1);
    expect(
      cellShowing(nb, [new RegExp(`kubernetes_ca_cert +${labCa}`)], broken),
      'and the lab CA again',
    ).toBeGreaterThan(broken);
    // The tracer's record of the RoleBinding's refusal: app's own token as the bearer, and the API server's 403.
    const traced = cellShowing(nb, [
      /Vault → API server +POST TokenReview\s+bearer: system:serviceaccount:lab-trouble:app/,
      /API server → Vault +403 [^\n]*\n[^\n]*"system:serviceaccount:lab-trouble:app" cannot create/,
      /Vault → app +403: permission denied/,
    ]);
    expect(traced, "the trace of the RoleBinding's refusal, from the tracer's record").toBeGreaterThan(-1);
    const hosts = nb.cells.flatMap((c) => [...cellText(c).matchAll(/^kubernetes_host +(\S+)/gm)].map((m) => m[1]));
    expect(new Set(hosts).size, 'Vault held the closed port as kubernetes_host, then the API server again').toBe(2);
    const replay = cellShowing(nb, [
      /201 Created\s+system:serviceaccount:lab-trouble:app/,
      /vault only\s+401 Unauthorized/,
    ]);
    expect(
      replay,
      'the API server accepts the both-audiences token as a bearer, and refuses the vault-only one',
    ).toBeGreaterThan(-1);
  },
  '06-beyond-the-article.ipynb': (nb) => {
    const sar = cellShowing(nb, [
      /needed +vault-reviewer +create tokenreviews +true/,
      /not needed +app +create tokenreviews +false/,
    ]);
    expect(sar, 'SubjectAccessReviews: the reviewer may create TokenReviews, app may not').toBeGreaterThan(-1);
    const traced = cellShowing(
      nb,
      [
        /bearer: system:serviceaccount:lab-beyond:vault-reviewer\s+reviews: system:serviceaccount:lab-beyond:app/,
        /API server → Vault +201 authenticated as system:serviceaccount:lab-beyond:app/,
        /Vault → app +200: a Vault token/,
      ],
      sar,
    );
    expect(traced, "the tracer's record: the reviewer is the bearer, app only the token reviewed").toBeGreaterThan(sar);
    expect(cellShowing(nb, [/^200 +200: a Vault token/m], sar), 'app, bound to nothing, logs in').toBeGreaterThan(sar);
    const aliases = cellShowing(nb, [
      /serviceaccount_uid +(\S+) +(?!\1)\S+ +a new alias and entity/,
      /serviceaccount_name +(\S+) +\1 +the same alias and entity/,
    ]);
    expect(aliases, 'a recreated service account: a new alias by UID, the same alias by name').toBeGreaterThan(-1);
    const noSa = cellShowing(
      nb,
      ['failed to get service account (code 403', 'cannot get resource "serviceaccounts"'],
      aliases,
    );
    expect(noSa, 'alias metadata from annotations fails with the binding alone').toBeGreaterThan(aliases);
    const meta = cellShowing(nb, [/team +payments/], noSa);
    expect(meta, 'and works after the Role that may get the service account').toBeGreaterThan(noSa);
    const noNs = cellShowing(
      nb,
      ['namespace not authorized err=failed to get namespace (code 403', 'cannot get resource "namespaces"'],
      meta,
    );
    expect(noNs, 'a namespace selector fails with the binding alone').toBeGreaterThan(meta);
    expect(
      cellShowing(nb, [/^200 +200: a Vault token/m], noNs),
      'and works after the Role that may get the namespace',
    ).toBeGreaterThan(noNs);
    const audience = cellShowing(
      nb,
      [/^vault +200 +200: a Vault token/m, /the API server's +403 +403: invalid audience \(aud\) claim/],
      noNs,
    );
    expect(audience, "a token for the role's audience is accepted, one for the API server refused").toBeGreaterThan(
      noNs,
    );
    const unbound = cellShowing(nb, [/no binding at all +kubernetes +403/, /no binding at all +jwt +200/]);
    expect(unbound, 'without any binding, the jwt method still logs in').toBeGreaterThan(noNs);
    const cached = cellShowing(
      nb,
      [/TokenReview right after the delete +authenticated: true/, /first refusal +\(\d+\.\ds after the delete\)/],
      unbound,
    );
    expect(
      cached,
      "the API server's token cache still authenticates the deleted account's token, until the kubernetes method refuses it",
    ).toBeGreaterThan(unbound);
    const deleted = cellShowing(
      nb,
      [/service account deleted +kubernetes +403/, /service account deleted +jwt +200/],
      cached,
    );
    expect(deleted, 'after deletion, the kubernetes method refuses and the jwt method accepts').toBeGreaterThan(cached);
  },
  '08-incident.ipynb': (nb) => {
    const open = cellShowing(nb, [/The incident is open\*\* \(seed \d+\)\. 2 things are broken at once/]);
    expect(open, 'the incident opens with two causes').toBeGreaterThan(-1);
    const login = cellShowing(nb, [/vault write auth\/kubernetes-incident\/login/, /^Code: 40[03]\. Errors:/m], open);
    expect(login, "the real vault CLI: the application's login, refused").toBeGreaterThan(open);
    const config = cellShowing(
      nb,
      [/^kubernetes_host +https:\/\/\S+$/m, /^token_reviewer_jwt_set +(true|false)$/m, /«certificate: \d+ bytes/],
      login,
    );
    expect(config, "vault read of the config, the CA's PEM masked").toBeGreaterThan(login);
    const check = cellShowing(nb, ["✗ 08-incident: The application's login is still refused."], config);
    expect(check, "the check: ✗ with the first hint, Vault's answer").toBeGreaterThan(config);
  },
};

/** The outcome checks of a notebook; a notebook without any (a new or renamed one) fails. */
function outcomes(name: string): (nb: Notebook) => void {
  const check = OUTCOMES[name];
  if (!check)
    throw new Error(
      `${name} has no outcome checks in OUTCOMES (test/notebooks/notebooks.int.test.ts): add what its cells must show`,
    );
  return check;
}

describe('notebooks', () => {
  it('finds the numbered notebooks, each with its outcome checks', () => {
    expect(NOTEBOOKS.length).toBeGreaterThanOrEqual(6);
    expect(
      NOTEBOOKS.filter((name) => !OUTCOMES[name]),
      'notebooks without outcome checks',
    ).toEqual([]);
    expect(
      Object.keys(OUTCOMES).filter((name) => !NOTEBOOKS.includes(name)),
      'outcome checks for a notebook that does not exist',
    ).toEqual([]);
  });

  describe('in order', () => {
    let runs: NotebookRun[] = [];
    beforeAll(async () => {
      runs = await executeNotebooks(NOTEBOOKS.map((name) => join(dir, name)));
    });

    it.each(NOTEBOOKS)('%s runs top to bottom and shows what it teaches', (name) => {
      const run = runs[NOTEBOOKS.indexOf(name)];
      expect(run, `${name} ran`).toBeDefined();
      expect(run?.problems, describeProblems(join(dir, name), run?.problems ?? [])).toEqual([]);
      outcomes(name)(run?.notebook as Notebook);
    });
  });

  // One case runs every notebook, so it gets each notebook's budget (the project's 180 s per case) in turn.
  it('run in reverse order, each on its own', { timeout: NOTEBOOKS.length * 180_000 }, async () => {
    const reversed = [...NOTEBOOKS].reverse();
    (await runClean(reversed)).forEach((notebook, k) => outcomes(reversed[k] as string)(notebook));
  });

  it('07 stops in its first code cell, with the command that starts Vault in the cluster', async () => {
    const name = IN_CLUSTER ?? 'none';
    const [run] = await executeNotebooks([join(dir, name)]);
    // Jupyter's Run All aborts the cells queued behind an error (stop_on_error), so the first problem is the stop.
    const [first] = run?.problems ?? [];
    expect(first?.index, describeProblems(join(dir, name), run?.problems ?? [])).toBe(1);
    expect(first?.output).toContain("This notebook needs Vault as a pod in the lab's kind cluster");
    expect(first?.output).toContain('npm run lab -- up --backend kind --vault in-cluster');
    // One line of error, not a stack trace.
    expect(first?.output.trim().split('\n').at(-1)).toMatch(
      /^\[?Stopped here: this notebook needs Vault in the cluster/,
    );
    expect(first?.output).not.toMatch(/^\s+at /m);
  });

  it('run one notebook twice in a row', async () => {
    for (const notebook of await runClean(['03-tokenreview.ipynb', '03-tokenreview.ipynb']))
      outcomes('03-tokenreview.ipynb')(notebook);
  });
});
