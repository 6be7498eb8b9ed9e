// Notebook 02: a legacy token Secret for a second service account, filled by the token controller and
// reviewed by the API server.
import { readIfPresent } from '../../kube/apis.js';
import { serviceAccountUser } from '../../kube/tokens.js';
import { repeat } from '../../poll.js';
import { failed, type Lab, type Outcome, type Task } from '../types.js';

const SECRET = 'reader-token';
const TYPE = 'kubernetes.io/service-account-token';
const reader = (lab: Lab) => ({ namespace: lab.name('lab-tokens'), name: 'reader' });

const yamlFor = (ns: string) =>
  `kubectl -n ${ns} create serviceaccount reader, then kubectl apply -f a Secret named ${SECRET} in ${ns} with type ` +
  `${TYPE} and the annotation kubernetes.io/service-account.name: reader`;

async function check(lab: Lab): Promise<Outcome> {
  const sa = reader(lab);
  const ns = sa.namespace;
  if (!(await readIfPresent(async () => (await lab.kube.api).core.readNamespace({ name: ns })))) {
    return failed('no-namespace', `The namespace ${ns} does not exist.`, [
      `Run notebook 02 from the top first: its cells create the namespace ${ns}.`,
    ]);
  }
  const account = await readIfPresent(() => lab.kube.readServiceAccount(sa));
  // The token controller fills a new Secret a moment after it is written; wait a little for it.
  const { answer: secret } = await repeat(
    () => readIfPresent(() => lab.kube.readSecret(ns, SECRET)),
    (s) => !s || s.type !== TYPE || Boolean(s.data?.token),
    { timeoutMs: 5_000, intervalMs: 250 },
  );
  if (!secret) {
    return failed(
      account ? 'missing' : 'no-account',
      `There is no Secret ${ns}/${SECRET}${account ? '' : ', and no service account reader'} yet.`,
      [
        `Create the service account reader in ${ns}, then a Secret ${SECRET} like the YAML above, naming reader.`,
        `The token controller fills only a Secret of type ${TYPE} whose annotation ` +
          `kubernetes.io/service-account.name names an existing account (it deletes one whose account is missing).`,
        `In a terminal: ${yamlFor(ns)}`,
      ],
    );
  }
  if (secret.type !== TYPE) {
    return failed(
      'wrong-type',
      `Secret ${ns}/${SECRET} has type ${secret.type ?? 'Opaque'}, so the token controller leaves it empty.`,
      [
        `Only a Secret of type ${TYPE} gets a token.`,
        "A Secret's type cannot be changed: delete it and create it again with the right type.",
        `kubectl -n ${ns} delete secret ${SECRET}, then: ${yamlFor(ns)}`,
      ],
    );
  }
  const token = Buffer.from(secret.data?.token ?? '', 'base64').toString('utf8');
  if (!token) {
    return failed('unfilled', `Secret ${ns}/${SECRET} has no token yet.`, [
      account
        ? 'The token controller fills it within a second or two: run the check again.'
        : `The service account reader does not exist in ${ns}: create it, and the controller fills the Secret.`,
    ]);
  }
  const review = await lab.kube.createTokenReview(token);
  const user = review.status?.user?.username ?? '';
  if (review.status?.authenticated && user === serviceAccountUser(sa)) {
    return { ok: true, proved: `the API server reviewed the token in ${ns}/${SECRET}: authenticated as ${user}` };
  }
  const named = secret.metadata?.annotations?.['kubernetes.io/service-account.name'] ?? '(none)';
  return failed(
    'wrong-account',
    `The token in ${ns}/${SECRET} authenticates as ${user || 'nobody'}: its annotation names the service account ` +
      `${named}.`,
    [
      'The annotation kubernetes.io/service-account.name decides whose token the controller writes.',
      `Name reader in the annotation; a Secret's token is not rewritten, so delete the Secret and create it again.`,
      `kubectl -n ${ns} delete secret ${SECRET}, then: ${yamlFor(ns)}`,
    ],
  );
}

export const tokenSecretTask: Task = {
  id: '02-token-secret',
  notebook: '02-a-service-account-token',
  title: 'a legacy token Secret for lab-tokens/reader, reviewed by the API server',
  check,
  async solve(lab) {
    const sa = reader(lab);
    await lab.kube.ensureNamespace(sa.namespace);
    await lab.kube.ensureServiceAccount(sa);
    const existing = await readIfPresent(() => lab.kube.readSecret(sa.namespace, SECRET));
    const annotation = existing?.metadata?.annotations?.['kubernetes.io/service-account.name'];
    if (existing && (existing.type !== TYPE || annotation !== sa.name))
      await lab.kube.deleteSecret(sa.namespace, SECRET);
    await lab.kube.legacyTokenSecret(sa, SECRET);
    return (
      `kubectl -n ${sa.namespace} create serviceaccount reader; kubectl apply -f ${SECRET}.yaml  (the ` +
      `controller filled ${sa.namespace}/${SECRET})`
    );
  },
  async reset(lab) {
    const sa = reader(lab);
    await lab.kube.deleteSecret(sa.namespace, SECRET);
    await readIfPresent(async () =>
      (await lab.kube.api).core.deleteNamespacedServiceAccount({ name: sa.name, namespace: sa.namespace }),
    );
  },
  attempts: [
    {
      what: 'creates an Opaque Secret and waits for a token',
      cell: [
        "await lab.kube.ensureServiceAccount({ namespace: lab.name('lab-tokens'), name: 'reader' });",
        "const attempted = await lab.kube.createSecret(lab.name('lab-tokens'), {",
        "  metadata: { name: 'reader-token',",
        "    annotations: { 'kubernetes.io/service-account.name': 'reader' } } });",
      ].join('\n'),
      finding: 'wrong-type',
    },
    {
      what: "copies notebook 02's Secret and keeps app in the annotation",
      cell: [
        "await lab.kube.ensureServiceAccount({ namespace: lab.name('lab-tokens'), name: 'reader' });",
        "await lab.kube.legacyTokenSecret({ namespace: lab.name('lab-tokens'), name: 'app' },",
        "  'reader-token');",
      ].join('\n'),
      finding: 'wrong-account',
    },
  ],
};
