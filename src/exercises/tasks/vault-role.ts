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

/** The role as Vault returns it, or the finding when there is none to read. */
async function readRole(lab: Lab, mount: string, command: string): Promise<RawRole | Outcome> {
  const read = await lab.vault.request<{ data?: RawRole }>('GET', `auth/${mount}/role/${ROLE}`);
  if (read.status !== 404 && read.status !== 400) return read.json?.data ?? {};
  if ((await lab.vault.request('GET', `auth/${mount}/config`)).status !== 200) {
    const first = `Run notebook 04 from the top first: it enables and configures auth/${mount}/.`;
    return failed('no-mount', `The auth method auth/${mount}/ is not configured.`, [first]);
  }
  return failed('missing', `Vault has no role ${ROLE} on auth/${mount}/ yet.`, [
    `Write a role ${ROLE} that admits exactly the service account ${worker(lab).namespace}/worker, ` +
      'like role app above.',
    'A role bounds who may log in with two lists: bound_service_account_names and bound_service_account_namespaces.',
    `In a terminal: ${command}`,
  ]);
}

/**
 * Pure: the finding for bounds wider than worker alone, or undefined. Vault matches each entry as a glob
 * (`*`, or a name ending in `*`), so a glob or a second entry admits more than worker.
 */
export function widerBounds(
  names: readonly string[],
  namespaces: readonly string[],
  namespace: string,
  command: string,
): Outcome | undefined {
  const glob = (list: readonly string[]) => list.find((entry) => entry.includes('*'));
  const wide = glob(names) ?? glob(namespaces);
  if (wide !== undefined) {
    const what =
      wide === '*' ? `every ${glob(names) ? 'service account name' : 'namespace'}` : `every name that matches ${wide}`;
    return failed('wildcard', `Role ${ROLE} admits ${what} ("${wide}").`, [
      'A wildcard logs in any account that matches: least privilege names the one account.',
      `Bound names [worker] and namespaces [${namespace}].`,
      command,
    ]);
  }
  const extra = [...names.filter((n) => n !== 'worker'), ...namespaces.filter((n) => n !== namespace)];
  if (extra.length > 0 && names.includes('worker') && namespaces.includes(namespace)) {
    return failed('extra', `Role ${ROLE} admits worker, and also ${extra.join(', ')}.`, [
      'Every name and namespace a role lists can log in: the task asks for worker alone.',
      `Bound names [worker] and namespaces [${namespace}], nothing more.`,
      command,
    ]);
  }
  return undefined;
}

/** The finding for a refused login, from what Vault answered. */
function refusal(said: string, status: number, role: RawRole, lab: Lab, mount: string, command: string): Outcome {
  const sa = worker(lab);
  const answered = `Vault answered worker's login: "${said}".`;
  if (said.includes('namespace not authorized')) {
    const admits = `Role ${ROLE} admits the namespaces [${(role.bound_service_account_namespaces ?? []).join(', ')}]`;
    return failed('namespace', `${answered} ${admits}; worker's token says ${sa.namespace}.`, [
      "Vault compares the namespace in the JWT's claims with bound_service_account_namespaces.",
      `worker lives in ${sa.namespace}: that is the namespace to bind.`,
      command,
    ]);
  }
  if (said.includes('service account name not authorized')) {
    return failed(
      'name',
      `${answered} Role ${ROLE} admits the names [${(role.bound_service_account_names ?? []).join(', ')}].`,
      [
        "Vault compares the service account's name in the JWT's claims with bound_service_account_names.",
        'The name is worker, without its namespace (the namespace has a list of its own).',
        command,
      ],
    );
  }
  if (said.includes('audience')) {
    return failed('audience', `${answered} Role ${ROLE} sets audience ${role.audience ?? ''}.`, [
      "worker's token is for the API server's own audience; the role expects another.",
      'Leave audience out of this role (notebook 05 shows what it takes).',
      command,
    ]);
  }
  return failed('refused', `Vault answered worker's login: ${status} "${said}".`, [
    `Read role ${ROLE} with vault read auth/${mount}/role/${ROLE} and compare it with role app.`,
    command,
  ]);
}

async function check(lab: Lab): Promise<Outcome> {
  const mount = lab.name('kubernetes');
  const sa = worker(lab);
  const command = COMMAND(lab);
  const role = await readRole(lab, mount, command);
  if ('ok' in role) return role;
  const names = role.bound_service_account_names ?? [];
  const namespaces = role.bound_service_account_namespaces ?? [];
  const wider = widerBounds(names, namespaces, sa.namespace, command);
  if (wider) return wider;
  if (!(await readIfPresent(() => lab.kube.readServiceAccount(sa)))) {
    return failed(
      'no-account',
      `The service account ${sa.namespace}/worker does not exist, so nobody can log in as it.`,
      [`Run notebook 04 from the top: the cell before this task creates ${sa.namespace}/worker.`],
    );
  }
  const login = await lab.vault.login(ROLE, await lab.kube.requestToken(sa), mount);
  const said = login.errors.join('; ');
  if (login.status !== 200 && said !== 'permission denied')
    return refusal(said, login.status, role, lab, mount, command);
  const after =
    login.status === 200
      ? 'and logged worker in'
      : 'and refused only afterwards, at the TokenReview (a binding, not the role)';
  const bounds = `names [${names.join(', ')}], namespaces [${namespaces.join(', ')}]`;
  return {
    ok: true,
    proved: `Vault read role ${ROLE} (${bounds}), admitting worker alone, and accepted worker's claims ${after}`,
  };
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
        "const attempted = await lab.vault.writeRole('worker',",
        "  { boundServiceAccountNames: ['worker'],",
        "    boundServiceAccountNamespaces: [lab.name('lab-vault-other')] }, lab.name('kubernetes'));",
      ].join('\n'),
      finding: 'namespace',
    },
    {
      what: 'writes namespace/name into the names list',
      cell: [
        "const attempted = await lab.vault.writeRole('worker',",
        "  { boundServiceAccountNames: [`${lab.name('lab-vault')}/worker`],",
        "    boundServiceAccountNamespaces: [lab.name('lab-vault')] }, lab.name('kubernetes'));",
      ].join('\n'),
      finding: 'name',
    },
    {
      what: 'admits worker with a glob that matches more names',
      cell: [
        "const attempted = await lab.vault.writeRole('worker',",
        "  { boundServiceAccountNames: ['w*'],",
        "    boundServiceAccountNamespaces: [lab.name('lab-vault')] }, lab.name('kubernetes'));",
      ].join('\n'),
      finding: 'wildcard',
    },
    {
      what: 'admits worker and the application app too',
      cell: [
        "const attempted = await lab.vault.writeRole('worker',",
        "  { boundServiceAccountNames: ['worker', 'app'],",
        "    boundServiceAccountNamespaces: [lab.name('lab-vault')] }, lab.name('kubernetes'));",
      ].join('\n'),
      finding: 'extra',
    },
  ],
};
