// The library the notebooks import (compiled to dist/index.js): one setup call, then small helpers.
export { setup, untilStatus, exchange, type Lab } from './lab/session.js';
export { show, renderers, inKernel, enableKernelColor } from './output/display.js';
export { toTable } from './output/table.js';
export { redactJwt, redactText } from './output/redact.js';
export { decodeJwt, claimRows, isJwt } from './jwt.js';
export { serviceAccountUser, type ServiceAccountRef } from './kube/client.js';
export { rawRequest } from './kube/rest.js';
export { postTokenReview, tokenReviewBody, summarize, TOKENREVIEW_PATH } from './tokenreview.js';
export { VaultClient } from './vault/client.js';
export { color } from './output/color.js';
export { status as labStatus } from './lab/status.js';
