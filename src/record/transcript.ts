// The article's terminal path, run for real against the lab: kubectl and curl in a bash session that
// starts with `source .lab/env`, exactly as the commands are shown. Each command runs in a fresh bash
// that restores the previous one's exported variables and directory, so `export TOKEN=$(...)` and
// `cd` carry over the way they would in one terminal. Outputs are cleaned (redacted, normalized) as
// soon as they come back; the raw token never leaves this module.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { envPath } from '../backends/state.js';
import { LabError } from '../errors.js';
import { probe, run } from '../exec.js';
import { decodeJwt } from '../jwt.js';
import { repoRoot } from '../paths.js';
import { repeat } from '../poll.js';

/** One step as the transcript shows it; `output` is already redacted and normalized. */
export interface TranscriptStep {
  heading?: string;
  say?: string;
  /** The command exactly as it ran; undefined for a note the recorder adds (a decoded token). */
  command?: string;
  output: string;
  /** Shown in italics under the step: how the recorder ran it, when that is not obvious. */
  note?: string;
}

interface ScriptStep {
  heading?: string;
  say?: string;
  command: string;
  /** The output must match, or the recording stops: the lab no longer behaves as the article says. */
  expect?: RegExp;
  /** Repeat the command until its output matches (RBAC reaches the authorizer a moment after a write). */
  until?: RegExp;
  /** Say so under the step when it was repeated (once is enough for a pair of steps). */
  noteUntil?: boolean;
  /** Run but not shown: cleaning up what an interrupted earlier run left. */
  hidden?: boolean;
  timeoutMs?: number;
}

export const NAMESPACE = 'demo';
export const SERVICE_ACCOUNT = 'app';
export const BINDING = 'demo-app-auth-delegator';
const USER = `system:serviceaccount:${NAMESPACE}:${SERVICE_ACCOUNT}`;
const UNTIL_MS = 15_000;

const CURL = [
  `curl -sS -i --cacert "$KUBE_CA" -X POST -d @token-review.json \\`,
  `  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
  `  "$KUBE_API/apis/authentication.k8s.io/v1/tokenreviews"`,
].join('\n');
const CAN_I = `kubectl auth can-i create tokenreviews.authentication.k8s.io --as=${USER}`;
const TOKEN_STEP = `export TOKEN=$(kubectl -n ${NAMESPACE} create token ${SERVICE_ACCOUNT})`;
/** The article's `kubectl exec POD cat FILE`, without `--`: the form current kubectl rejects. */
const ARTICLE_EXEC = `kubectl -n ${NAMESPACE} exec -it token-reader cat /var/run/secrets/kubernetes.io/serviceaccount/token`;

/** The article's steps, in order, as a reader would type them after `npm run lab -- up`. */
export function script(envFile: string): ScriptStep[] {
  return [
    { hidden: true, command: `source ${envFile} && kubectl delete clusterrolebinding ${BINDING} --ignore-not-found && kubectl delete namespace ${NAMESPACE} --ignore-not-found --wait=true`, timeoutMs: 180_000 },
    { heading: 'Point the shell at the lab', say: '`npm run lab -- up` wrote the variables kubectl and curl need, then work in a scratch directory.', command: `source ${envFile}` },
    { command: 'cd "$(mktemp -d)"' },
    {
      heading: 'What `system:auth-delegator` allows',
      say: 'The role exists in every cluster; the API server creates it at start-up. Its two rules let a caller create TokenReviews and SubjectAccessReviews.',
      command: 'kubectl get clusterrole system:auth-delegator -o yaml',
      expect: /tokenreviews[\s\S]*subjectaccessreviews/,
    },
    { heading: 'A service account and its token', say: 'The application whose token Vault will review.', command: `kubectl create namespace ${NAMESPACE}`, expect: /created/ },
    { command: `kubectl -n ${NAMESPACE} create serviceaccount ${SERVICE_ACCOUNT}`, expect: /created/ },
    {
      say: "The article reads the token from a pod with `kubectl exec -it <pod_name> cat FILE`. Current kubectl refuses that form before it contacts any server (the pod named here does not even exist): since kubectl 1.31 the command must follow `--`.",
      command: ARTICLE_EXEC,
      expect: /exec \[POD\] \[COMMAND\] is not supported anymore/,
    },
    {
      say: "The lab takes a token from the TokenRequest API instead, as `kubectl create token` gets it: valid for one hour and bound only to the service account. A pod's token file holds another kind, bound to the pod, and valid for about a year although the kubelet replaces it within the hour (notebook 02).",
      command: TOKEN_STEP,
    },
    {
      heading: 'The TokenReview request',
      say: 'The article\'s `token-review.json`, with the token filled in.',
      command: `printf '{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"%s"}}' "$TOKEN" > token-review.json`,
    },
    { command: 'cat token-review.json' },
    {
      heading: 'Without a binding: 403',
      say: 'The service account presents its own token as the bearer, as Vault does when it has no reviewer JWT. It may not create TokenReviews, so the API server refuses before it looks at the token in the body.',
      command: CURL,
      expect: /^HTTP\/[\d.]+ 403/m,
    },
    { say: 'RBAC agrees: nothing grants this user `create` on `tokenreviews`.', command: CAN_I, expect: /^no\b/m },
    {
      heading: 'With a ClusterRoleBinding: 201',
      say: 'Bind the service account to `system:auth-delegator`. A TokenReview belongs to no namespace, so only a ClusterRoleBinding can grant it.',
      command: `kubectl create clusterrolebinding ${BINDING} \\\n  --clusterrole=system:auth-delegator --serviceaccount=${NAMESPACE}:${SERVICE_ACCOUNT}`,
      expect: /created/,
    },
    { command: CAN_I, until: /^yes\b/m, noteUntil: true, expect: /^yes\b/m },
    {
      say: "The same request again. Now the API server reviews the token and says whose it is. Vault compares the token's claims with its role's bound service account names and namespaces before it sends this request; it uses the answer to confirm those claims (same name, namespace and UID). The user has three groups where the article shows two: `system:serviceaccounts:demo` is the group of the namespace's service accounts.",
      command: CURL,
      until: /^HTTP\/[\d.]+ 201/m,
      expect: /"authenticated": ?true[\s\S]*system:serviceaccount:demo:app[\s\S]*system:serviceaccounts:demo\b/,
    },
    {
      heading: 'Clean up',
      command: `kubectl delete clusterrolebinding ${BINDING}`,
      expect: /deleted/,
    },
    { command: `kubectl delete namespace ${NAMESPACE}`, expect: /deleted/, timeoutMs: 180_000 },
  ];
}

const STATUS_MARK = '\n__lab_transcript_status__=';

/** Runs commands as one terminal would: each in bash, with the previous command's exports and directory. */
class Session {
  readonly dir = mkdtempSync(join(tmpdir(), 'lab-transcript-'));
  private readonly file = join(this.dir, 'session.sh');

  async run(command: string, timeoutMs = 60_000): Promise<{ output: string; status: number }> {
    const wrapped = [
      'if [ -f "$LAB_SESSION" ]; then . "$LAB_SESSION"; fi',
      `{\n${command}\n} 2>&1`,
      'status=$?',
      '{ export -p; printf "cd %q\\n" "$PWD"; } > "$LAB_SESSION"',
      `printf '${STATUS_MARK.replace('\n', '\\n')}%s' "$status"`,
    ].join('\n');
    const { stdout } = await run('bash', ['-c', wrapped], {
      cwd: repoRoot,
      env: { LAB_SESSION: this.file, LC_ALL: 'C', NO_COLOR: '1' },
      timeoutMs,
      fix: 'check that bash can run and that the lab answers: npm run lab -- status',
    });
    const at = stdout.lastIndexOf(STATUS_MARK);
    return { output: at === -1 ? stdout : stdout.slice(0, at), status: at === -1 ? 0 : Number(stdout.slice(at + STATUS_MARK.length)) };
  }

  /** The scratch directory the session's `cd "$(mktemp -d)"` made, removed with the session. */
  async close(): Promise<void> {
    const { output } = await this.run('pwd').catch(() => ({ output: '' }));
    const pwd = output.trim();
    if (pwd.startsWith(tmpdir()) && pwd !== tmpdir() && /lab-transcript-|tmp\./.test(pwd)) rmSync(pwd, { recursive: true, force: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** kubectl, curl and bash must exist before a transcript starts; say which is missing and how to get it. */
export async function checkTools(): Promise<void> {
  const tools: Array<[string, string[], string]> = [
    ['bash', ['--version'], 'install bash'],
    ['kubectl', ['version', '--client'], 'install kubectl (https://kubernetes.io/docs/tasks/tools/, e.g. `curl -LO https://dl.k8s.io/release/v1.36.3/bin/linux/amd64/kubectl`) and put it on PATH'],
    ['curl', ['--version'], 'install curl (Debian/Ubuntu: apt-get install curl)'],
  ];
  for (const [name, args, fix] of tools) {
    if (!(await probe(name, args)).ok) {
      throw new LabError(`The terminal transcript runs ${name}, and \`${name} ${args.join(' ')}\` did not answer: it is not on PATH.`, `${fix}, or record only the notebooks with \`npm run record -- --only NN\``);
    }
  }
}

const UNTIL_NOTE =
  'The recorder repeats `kubectl auth can-i` (and the request after it) until the answer changes, for at most 15 s: an RBAC change reaches the authorizer a moment after the write.';

/**
 * Runs the script and returns the steps to show, each output passed through `clean` first.
 * `onStep` hears each command as it starts, for progress.
 */
export async function runTranscript(clean: (text: string) => string, onStep: (command: string) => void = () => undefined): Promise<TranscriptStep[]> {
  await checkTools();
  const rel = relative(repoRoot, envPath());
  const envFile = rel.startsWith('..') ? envPath() : rel;
  const session = new Session();
  const steps: TranscriptStep[] = [];
  try {
    for (const step of script(envFile)) {
      onStep(step.command.split('\n')[0] ?? step.command);
      const until = step.until;
      const { answer: result } = await repeat(() => session.run(step.command, step.timeoutMs), (r) => !until || until.test(r.output), {
        timeoutMs: UNTIL_MS,
        intervalMs: 250,
      });
      const output = clean(result.output);
      if (step.expect && !step.expect.test(result.output)) {
        throw new LabError(`The terminal transcript stopped: \`${step.command.split('\n')[0]}\` did not answer as the article says (expected ${step.expect}).`, 'run the same command after `source .lab/env` to see why, or restart the lab: npm run lab -- down && npm run lab -- up', {
          details: `Output (redacted):\n${output}`,
        });
      }
      if (step.hidden) continue;
      steps.push({ heading: step.heading, say: step.say, command: clean(step.command), output, note: step.noteUntil ? UNTIL_NOTE : undefined });
      if (step.command === TOKEN_STEP) steps.push(await decodedToken(session, clean));
    }
  } finally {
    await session.close();
  }
  return steps;
}

/** The token's header and claims, decoded by the recorder: what the token says, never its signature. */
async function decodedToken(session: Session, clean: (text: string) => string): Promise<TranscriptStep> {
  const { output } = await session.run('printf %s "$TOKEN"');
  const { header, claims } = decodeJwt(output.trim());
  return {
    say: 'What the token says: its header and claims, decoded by the recorder (this is not a command). The signature is never recorded.',
    output: clean(JSON.stringify({ header, claims }, null, 2)),
  };
}
