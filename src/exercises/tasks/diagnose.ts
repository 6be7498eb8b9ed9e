// Notebook 05's diagnosis challenge as a task: the check logs in as the application would, and never says
// what was broken; the solution finds it on the live servers, names it, and restores the working setup.
import { describeReason } from '../../vault/explain.js';
import { loginRefusals, logMark, readVaultLog } from '../../vault/logs.js';
import { CHALLENGE_ROLE, FAULT_NAMES, challengeNames, brokenFaults, storedJwt, workingSetup } from '../challenge.js';
import { failed, type Lab, type Outcome, type Task } from '../types.js';

async function check(lab: Lab): Promise<Outcome> {
  const { namespace, mount } = challengeNames(lab);
  const jwt = await storedJwt(lab);
  const mounted = (await lab.vault.request('GET', `auth/${mount}/config`)).status === 200;
  if (!jwt || !mounted) {
    return failed('not-started', `The challenge is not set up (no auth/${mount}/ or no Secret ${namespace}/app-jwt).`, [
      'Run the cell above that calls challenge(): it sets the challenge up and breaks one thing.',
    ]);
  }
  const login = await lab.vault.login(CHALLENGE_ROLE, jwt, mount);
  if (login.status === 200) {
    const meta = login.json?.auth?.metadata ?? {};
    return {
      ok: true,
      proved:
        `the application logged in with the JWT in ${namespace}/app-jwt: a Vault token for ` +
        `${meta.service_account_namespace}/${meta.service_account_name}`,
    };
  }
  const said = `${login.status} ${login.errors.join('; ')}`;
  const jwtCommand = `kubectl -n ${namespace} get secret app-jwt -o jsonpath='{.data.token}' | base64 -d`;
  return failed('refused', `The application's login is still refused. Vault answered it: ${said}.`, [
    `Start where the application does: log in yourself, vault write auth/${mount}/login role=${CHALLENGE_ROLE} ` +
      `jwt="$(${jwtCommand})", and read Vault's answer.`,
    "When the answer is only `permission denied`, the reason is in Vault's log: grep 'login unauthorized' " +
      '.lab/logs/vault.log | tail -n 1. A 403 from the API server there means RBAC: ask kubectl auth can-i.',
    `Walk the summary table above, row by row: kubectl auth can-i create tokenreviews.authentication.k8s.io ` +
      `--as=system:serviceaccount:${namespace}:app; vault read auth/${mount}/role/${CHALLENGE_ROLE}; vault read ` +
      `auth/${mount}/config; and the JWT's exp and aud.`,
  ]);
}

/** The plugin's own words for the last refusal, for the solution's explanation. */
async function lastReason(lab: Lab, mount: string, jwt: string): Promise<string> {
  const mark = logMark(lab.state.vault.logFile);
  const login = await lab.vault.login(CHALLENGE_ROLE, jwt, mount);
  if (login.status === 200) return '';
  const accessor = await lab.vault.authAccessor(mount);
  const logged = loginRefusals(readVaultLog(lab.state.vault.logFile, mark), accessor).at(-1)?.fields.err;
  return logged ? describeReason(logged) : login.errors.join('; ');
}

export const diagnoseTask: Task = {
  id: '05-diagnose',
  notebook: '05-troubleshooting',
  title: 'the diagnosis challenge: the application logs in again',
  check,
  async solve(lab) {
    const { mount } = challengeNames(lab);
    const jwt = await storedJwt(lab);
    const reason = jwt ? await lastReason(lab, mount, jwt) : '';
    const broken = await brokenFaults(lab);
    await workingSetup(lab);
    const what = broken.length
      ? broken.map((f) => FAULT_NAMES[f]).join('; ')
      : 'nothing any more: it was already fixed';
    return (
      `Broken was: ${what}.${reason ? ` The refusal said: ${reason}.` : ''} Restored the working setup ` +
      `(binding, role, config and a fresh JWT).`
    );
  },
  // Untouched: no challenge at all, until the notebook's challenge cell sets one up.
  async reset(lab) {
    const { namespace, binding, mount } = challengeNames(lab);
    await lab.vault.disableAuth(mount);
    await lab.kube.deleteSecret(namespace, 'app-jwt');
    await lab.kube.unbindClusterRole(binding);
    await lab.kube.unbindRoleInNamespace(binding, namespace);
  },
  resetBeforeAttempt: false,
  attempts: [
    {
      what: 'writes a fresh JWT into the Secret without finding out what is broken',
      cell: [
        "await lab.kube.deleteSecret(lab.name('lab-challenge'), 'app-jwt');",
        "const attempted = await lab.kube.createSecret(lab.name('lab-challenge'), {",
        "  metadata: { name: 'app-jwt' }, stringData: { token:",
        "    await lab.kube.requestToken({ namespace: lab.name('lab-challenge'), name: 'app' }) } });",
      ].join('\n'),
      finding: 'refused',
    },
  ],
};
