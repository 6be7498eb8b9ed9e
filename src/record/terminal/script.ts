// The article's terminal path as data: each command a reader types after `npm run lab -- up`, what it
// must answer, and the words shown with it. transcript.ts runs it; the tests read it without a lab.
import { canICommand } from '../../kube/rbac.js';
import type { ScriptStep } from './script-step.js';
import { LOGIN_GRANTED, LOGIN_REFUSED, VAULT_CLEAN_SLATE, VAULT_CLEAN_UP, vaultSetUp } from './vault-steps.js';

export type { ScriptStep };

export const NAMESPACE = 'demo';
export const SERVICE_ACCOUNT = 'app';
export const BINDING = 'demo-app-auth-delegator';

const CURL = [
  `curl -sS -i --cacert "$KUBE_CA" -X POST -d @token-review.json \\`,
  `  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
  `  "$KUBE_API/apis/authentication.k8s.io/v1/tokenreviews"`,
].join('\n');
const CAN_I = canICommand({ namespace: NAMESPACE, name: SERVICE_ACCOUNT });
/** The step that sets $TOKEN; the runner adds the decoded token after it. */
export const TOKEN_STEP = `export TOKEN=$(kubectl -n ${NAMESPACE} create token ${SERVICE_ACCOUNT})`;
const TOKEN_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/token';
/** The article's `kubectl exec POD cat FILE`, without `--`: the form current kubectl rejects. */
const ARTICLE_EXEC = `kubectl -n ${NAMESPACE} exec -it token-reader cat ${TOKEN_FILE}`;

/**
 * The article's steps, in order, as a reader would type them after `npm run lab -- up`. With `podImage` (a
 * backend that runs pods), the token is also read from a real pod, as the article does.
 */
export function script(envFile: string, podImage?: string): ScriptStep[] {
  const [withoutBinding, withBinding] = reviewSteps();
  return [
    ...setUp(envFile),
    ...tokenSteps(),
    ...(podImage ? podSteps(podImage) : []),
    ...withoutBinding,
    ...vaultSetUp(NAMESPACE, SERVICE_ACCOUNT),
    LOGIN_REFUSED,
    ...withBinding,
    LOGIN_GRANTED,
    ...cleanUp(podImage !== undefined),
  ];
}

function setUp(envFile: string): ScriptStep[] {
  return [
    {
      hidden: true,
      command:
        `source ${envFile} && kubectl delete clusterrolebinding ${BINDING} --ignore-not-found && kubectl ` +
        `delete namespace ${NAMESPACE} --ignore-not-found --wait=true; ${VAULT_CLEAN_SLATE}`,
      timeoutMs: 180_000,
    },
    {
      heading: 'Point the shell at the lab',
      say: '`npm run lab -- up` wrote the variables kubectl, curl and vault need, then work in a scratch directory.',
      command: `source ${envFile}`,
    },
    { command: 'cd "$(mktemp -d)"' },
    {
      heading: 'What `system:auth-delegator` allows',
      say:
        'The role exists in every cluster; the API server creates it at start-up. Its two rules let a caller ' +
        'create TokenReviews and SubjectAccessReviews.',
      command: 'kubectl get clusterrole system:auth-delegator -o yaml',
      expect: /tokenreviews[\s\S]*subjectaccessreviews/,
    },
  ];
}

function tokenSteps(): ScriptStep[] {
  return [
    {
      heading: 'A service account and its token',
      say: 'The application whose token Vault will review.',
      command: `kubectl create namespace ${NAMESPACE}`,
      expect: /created/,
    },
    { command: `kubectl -n ${NAMESPACE} create serviceaccount ${SERVICE_ACCOUNT}`, expect: /created/ },
    {
      say:
        'The article reads the token from a pod with `kubectl exec -it <pod_name> cat FILE`. Current kubectl ' +
        'refuses that form before it contacts any server (the pod named here does not even exist): since kubectl ' +
        '1.31 the command must follow `--`.',
      command: ARTICLE_EXEC,
      expect: /exec \[POD\] \[COMMAND\] is not supported anymore/,
    },
    {
      say:
        'The lab takes a token from the TokenRequest API instead, as `kubectl create token` gets it: valid for ' +
        "one hour and bound only to the service account. A pod's token file holds another kind, bound to the pod, " +
        'and valid for about a year although the kubelet replaces it within the hour (notebook 02).',
      command: TOKEN_STEP,
    },
  ];
}

/** The request, refused without a binding; then the binding, and the same request let through. */
function reviewSteps(): [ScriptStep[], ScriptStep[]] {
  const without: ScriptStep[] = [
    {
      heading: 'The TokenReview request',
      say: "The article's `token-review.json`, with the token filled in.",
      command:
        `printf '{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"%s"}}' ` +
        `"$TOKEN" > token-review.json`,
    },
    { command: 'cat token-review.json' },
    {
      heading: 'Without a binding: 403',
      say:
        'The service account presents its own token as the bearer, as Vault does when it has no reviewer JWT. It ' +
        'may not create TokenReviews, so the API server refuses before it looks at the token in the body.',
      command: CURL,
      expect: /^HTTP\/[\d.]+ 403/m,
    },
    { say: 'RBAC agrees: nothing grants this user `create` on `tokenreviews`.', command: CAN_I, expect: /^no\b/m },
  ];
  const bound: ScriptStep[] = [
    {
      heading: 'With a ClusterRoleBinding: 201',
      say:
        'Bind the service account to `system:auth-delegator`. A TokenReview belongs to no namespace, so only a ' +
        'ClusterRoleBinding can grant it.',
      command:
        `kubectl create clusterrolebinding ${BINDING} \\\n  --clusterrole=system:auth-delegator ` +
        `--serviceaccount=${NAMESPACE}:${SERVICE_ACCOUNT}`,
      expect: /created/,
    },
    { command: CAN_I, until: /^yes\b/m, noteUntil: true, expect: /^yes\b/m },
    {
      say:
        'The same request again. Now the API server reviews the token and says whose it is. Vault compares the ' +
        "token's claims with its role's bound service account names and namespaces before it sends this request; it " +
        'uses the answer to confirm those claims (same name, namespace and UID). The user has three groups where ' +
        "the article shows two: `system:serviceaccounts:demo` is the group of the namespace's service accounts.",
      command: CURL,
      until: /^HTTP\/[\d.]+ 201/m,
      expect: /"authenticated": ?true[\s\S]*system:serviceaccount:demo:app[\s\S]*system:serviceaccounts:demo\b/,
    },
  ];
  return [without, bound];
}

/** The article's own way to the token: a pod that runs as the account, and `kubectl exec ... -- cat`. */
function podSteps(image: string): ScriptStep[] {
  return [
    {
      say:
        "With `--` the article's command works. A pod that runs as the service account (the image is the " +
        "lab's own, loaded into the node):",
      command:
        `kubectl -n ${NAMESPACE} run token-reader --image=${image} \\\n` +
        `  --overrides='{"spec":{"serviceAccountName":"${SERVICE_ACCOUNT}"}}' --command -- sleep 3600`,
      expect: /created/,
    },
    {
      command: `kubectl -n ${NAMESPACE} wait --for=condition=Ready pod/token-reader --timeout=120s`,
      expect: /condition met/,
      timeoutMs: 150_000,
    },
    {
      say: "The pod's token file: a token bound to this pod, which the kubelet refreshes (notebook 02).",
      command: `kubectl -n ${NAMESPACE} exec token-reader -- cat ${TOKEN_FILE}`,
      expect: /^eyJ/,
    },
  ];
}

function cleanUp(pod: boolean): ScriptStep[] {
  return [
    { ...VAULT_CLEAN_UP, heading: 'Clean up' },
    ...(pod ? [{ command: `kubectl -n ${NAMESPACE} delete pod token-reader --now`, expect: /deleted/ }] : []),
    {
      command: `kubectl delete clusterrolebinding ${BINDING}`,
      expect: /deleted/,
    },
    { command: `kubectl delete namespace ${NAMESPACE}`, expect: /deleted/, timeoutMs: 180_000 },
  ];
}
