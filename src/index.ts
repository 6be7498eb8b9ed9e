// The library the notebooks import (compiled to dist/index.js): one setup call, then small helpers.
export { setup, until, untilStatus, exchange, type Lab } from './lab/session.js';
export { show, renderers, inKernel, enableKernelColor } from './output/display.js';
export { toTable } from './output/table.js';
export { redactJwt, redactText } from './output/redact.js';
export { decodeJwt, claimRows, isJwt } from './jwt.js';
export {
  serviceAccountUser,
  serviceAccountGroups,
  tokenReaderPod,
  tokenFacts,
  SERVICE_ACCOUNT_TOKEN_PATH,
  KUBELET_TOKEN_SECONDS,
  type ServiceAccountRef,
  type PodRef,
} from './kube/client.js';
export { rawRequest } from './kube/rest.js';
export { whoAmI } from './kube/whoami.js';
export { requiredAccess, canServiceAccount, grantInNamespace, revokeInNamespace, type Need, type Permission, type VaultSetup } from './kube/access.js';
export { serviceAccountUid, deleteServiceAccount, annotateServiceAccount, labelNamespace } from './kube/accounts.js';
export { issuerKeys, jwksToPem, enableAuthMethod, configureJwtAuth, writeJwtRole, type IssuerKeys } from './vault/jwt-auth.js';
export { loginRow, logRowsSince, type LoginRow } from './vault/report.js';
export { configureKubernetesWith, writeRoleWith, entityAlias, aliasOfLogin, type RoleOptions, type EntityAlias } from './vault/kube-options.js';
export { postTokenReview, tokenReviewBody, tokenReviewHeaders, summarize, TOKENREVIEW_PATH } from './tokenreview.js';
export { VaultClient } from './vault/client.js';
export { loginWithReason, loginRows, describeReason, type ExplainedLogin } from './vault/explain.js';
export { readVaultLog, logMark, loginRefusals, type VaultLogLine } from './vault/logs.js';
export { readAudit, isHmac, HMAC_PREFIX, type AuditEntry } from './vault/audit.js';
export { expiredCopy, signJwt, keyIdFor } from './kube/mint.js';
export { serviceAccountSigningKey } from './kube/signing-key.js';
export { certificateSummary } from './pki/inspect.js';
export { generatePki } from './pki/pki.js';
export { freePort } from './ports.js';
export { color } from './output/color.js';
export { status as labStatus } from './lab/status.js';
