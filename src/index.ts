// The library the notebooks import (compiled to dist/index.js): one setup call, then small helpers.
export { setup, until, untilStatus, exchange, type Lab } from './notebook/session.js';
export { showNotShared } from './notebook/offers.js';
export { sh, ShellAnswer } from './notebook/shell.js';
export {
  requireVaultInCluster,
  deployApp,
  restartVault,
  startPeer,
  removePeer,
  peerToken,
  READ_SECRET,
} from './notebook/in-cluster.js';
export { traceTokenReviews, type Tracer, type TraceEntry } from './notebook/tracing.js';
export { show, renderers, inKernel, enableKernelColor } from './output/display.js';
export { toTable } from './output/table.js';
export { redactJwt, redactText } from './output/redact.js';
export { decodeJwt, claimRows, isJwt, audiences } from './jwt.js';
export {
  serviceAccountUser,
  serviceAccountGroups,
  tokenFacts,
  SERVICE_ACCOUNT_TOKEN_PATH,
  KUBELET_TOKEN_SECONDS,
  TOKEN_SUCCESS_CACHE_MS,
  type ServiceAccountRef,
} from './kube/tokens.js';
export { tokenReaderPod, type PodRef } from './kube/pods.js';
export { canIAnswer } from './kube/rbac.js';
export { rawRequest } from './http.js';
export { whoAmI } from './kube/whoami.js';
export { requiredAccess, type Need, type Permission, type VaultSetup } from './kube/access.js';
export { issuerKeys, jwksToPem, type IssuerKeys } from './vault/jwt-auth.js';
export { loginRow, logRowsSince, type LoginRow } from './vault/report.js';
export type { EntityAlias } from './vault/identity.js';
export { postTokenReview, tokenReviewBody, tokenReviewHeaders, summarize, TOKENREVIEW_PATH } from './tokenreview.js';
export { VaultClient } from './vault/vault-client.js';
export type { KubernetesConfigFields, KubernetesRoleFields, TokenLookupFields } from './vault/fields.js';
export { loginWithReason, loginRows, describeReason, type ExplainedLogin } from './vault/explain.js';
export { readVaultLog, logMark, loginRefusals, type VaultLogLine } from './vault/logs.js';
export { readAudit, isHmac, HMAC_PREFIX, type AuditEntry } from './vault/audit.js';
export { expiredCopy, signJwt, keyIdFor } from './kube/mint.js';
export { serviceAccountSigningKey } from './notebook/signing-key.js';
export { certificateSummary } from './pki/inspect.js';
export { generatePki } from './pki/pki.js';
export { freePort } from './ports.js';
export { color } from './output/color.js';
export { status as labStatus } from './lab/status.js';
export { check, solve, resetTask, challenge, predicted, showProgress } from './notebook/practice.js';
export { incident, diagnose, causeVocabulary } from './notebook/incident.js';
