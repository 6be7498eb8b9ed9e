// Notebook 04: write the Vault role that lets a second service account log in. Vault compares the JWT's
// claims with the role's bounds before any TokenReview, so a real login tells whether the bounds are right.
import { readIfPresent } from '../../kube/apis.js';
import { writeExactRole } from '../challenge.js';
import { failed, type Lab, type Outcome, type Task } from '../types.js';

const ROLE = 'worker';
const worker = (lab: Lab) => ({ namespace: lab.name('lab-vault'), name: 'worker' });
const COMMAND = (lab: Lab) =>
  `vault write auth/${lab.name('kubernetes')}/role/${ROLE} bound_service_account_names=worker ` +
  `bound_service_account_namespaces=${worker(lab).namespace} token_policies=default`;

interface RawRole {
  bound_service_account_names?: string[];
  bound_service_account_namespaces?: string[];
  audience?: string;
}

async function check(lab: Lab): Promise<Outcome> {
  const mount = lab.name('kubernetes');
  const sa = worker(lab);
  const command = COMMAND(lab);
  const read = await lab.vault.request<{ data?: RawRole }>('GET', `auth/${mount}/role/${ROLE}`);
  if (read.status === 404 || read.status === 400) {
    const mounted = (await lab.vault.request('GET', `auth/${mount}/config`)).status === 200;
    if (!mounted)
      return failed('no-mount', `The auth method auth/${mount}/ is not configured.`, [
        `Run notebook 04 from the top first: it enables and configures auth/${mount}/.`,
      ]);
    return failed('missing', `Vault has no role ${ROLE} on auth/${mount}/ yet.`, [
      `Write a role ${ROLE} that admits exactly the service account ${sa.namespace}/worker, like role app above.`,
      'A role bounds who may log in with two lists: bound_service_account_names and ' +
        'bound_service_account_namespaces.',
      `In a terminal: ${command}`,
    ]);
  }
  const role = read.json?.data ?? {};
  const names = role.bound_service_account_names ?? [];
  const namespaces = role.bound_service_account_namespaces ?? [];
  if (names.includes('*') || namespaces.includes('*')) {
    return failed(
      'wildcard',
      `Role ${ROLE} admits ${names.includes('*') ? 'every service account name' : 'every namespace'} ("*").`,
      [
        'A wildcard logs in any account that matches the other list: least privilege names the account.',
        `Bound names [worker] and namespaces [${sa.namespace}].`,
        command,
      ],
    );
  }
  const account = await readIfPresent(() => lab.kube.readServiceAccount(sa));
  if (!account) {
    return failed(
      'no-account',
      `The service account ${sa.namespace}/worker does not exist, so nobody can log in as it.`,
      [`Run notebook 04 from the top: the cell before this task creates ${sa.namespace}/worker.`],
    );
  }
  const token = await lab.kube.requestToken(sa);
  const login = await lab.vault.login(ROLE, token, mount);
  const said = login.errors.join('; ');
  if (login.status === 200 || said === 'permission denied') {
    const after =
      login.status === 200
        ? 'and logged worker in'
        : 'and refused only afterwards, at the TokenReview (a binding, not the role)';
    return {
      ok: true,
      proved:
        `Vault read role ${ROLE} (names [${names.join(', ')}], namespaces [${namespaces.join(', ')}]), ` +
        `accepted worker's claims ${after}`,
    };
  }
  if (said.includes('namespace not authorized')) {
    return failed(
      'namespace',
      `Vault answered worker's login: "${said}". Role ${ROLE} admits the namespaces [${namespaces.join(', ')}]; ` +
        `worker's token says ${sa.namespace}.`,
      [
        "Vault compares the namespace in the JWT's claims with bound_service_account_namespaces.",
        `worker lives in ${sa.namespace}: that is the namespace to bind.`,
        command,
      ],
    );
  }
  if (said.includes('service account name not authorized')) {
    return failed(
      'name',
      `Vault answered worker's login: "${said}". Role ${ROLE} admits the names [${names.join(', ')}].`,
      [
        "Vault compares the service account's name in the JWT's claims with bound_service_account_names.",
        'The name is worker, without its namespace (the namespace has a list of its own).',
        command,
      ],
    );
  }
  if (said.includes('audience')) {
    return failed(
      'audience',
      `Vault answered worker's login: "${said}". Role ${ROLE} sets audience ${role.audience ?? ''}.`,
      [
        "worker's token is for the API server's own audience; the role expects another.",
        'Leave audience out of this role (notebook 05 shows what it takes).',
        command,
      ],
    );
  }
  return failed('refused', `Vault answered worker's login: ${login.status} "${said}".`, [
    `Read role ${ROLE} with vault read auth/${mount}/role/${ROLE} and compare it with role app.`,
    command,
  ]);
}

export const vaultRoleTask: Task = {
  id: '04-vault-role',
  notebook: '04-vault-kubernetes-auth',
  title: 'a Vault role that admits lab-vault/worker, and only it',
  check,
  async solve(lab) {
    const sa = worker(lab);
    await writeExactRole(lab, lab.name('kubernetes'), ROLE, [sa.name], [sa.namespace]);
    return COMMAND(lab);
  },
  async reset(lab) {
    await lab.vault.request('DELETE', `auth/${lab.name('kubernetes')}/role/${ROLE}`);
  },
  attempts: [
    {
      what: "binds the role to the application's other namespace",
      cell: [
        "await lab.vault.writeRole('worker', { boundServiceAccountNames: ['worker'],",
        "  boundServiceAccountNamespaces: [lab.name('lab-vault-other')] }, lab.name('kubernetes'));",
      ].join('\n'),
      finding: 'namespace',
    },
    {
      what: 'writes namespace/name into the names list',
      cell: [
        "await lab.vault.writeRole('worker',",
        "  { boundServiceAccountNames: [`${lab.name('lab-vault')}/worker`],",
        "    boundServiceAccountNamespaces: [lab.name('lab-vault')] }, lab.name('kubernetes'));",
      ].join('\n'),
      finding: 'name',
    },
  ],
};
