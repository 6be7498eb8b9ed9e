// Claims the notebooks once made that the plugins' source contradicts (vault-plugin-auth-kubernetes v0.23.1,
// vault-plugin-auth-jwt v0.25.0, kube-apiserver's TokenRequest registry). Each old wording must stay out of
// every cell, and the corrected fact must be in the notebook that needs it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinText, type Notebook } from '../../src/jupyter/notebooks.js';
import { repoRoot } from '../../src/paths.js';

const dir = join(repoRoot, 'notebooks');
const NOTEBOOKS = readdirSync(dir).filter((f) => /^\d\d-.+\.ipynb$/.test(f));
/** Every cell's source, markdown and code, of one notebook (by its number) or of all. */
const textOf = (prefix = '') =>
  NOTEBOOKS.filter((f) => f.startsWith(prefix))
    .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as Notebook).cells)
    .map((c) => joinText(c.source))
    .join('\n');

interface Claim {
  what: string;
  /** What the source says, and where. */
  source: string;
  wrong: RegExp;
  /** The notebook (by number) that must state the fact, and how. */
  right: [string, RegExp];
}

const CLAIMS: Claim[] = [
  {
    what: "the JWT method's algorithms",
    source: 'jwt path_login.go: an empty jwt_supported_algs accepts RS, ES, PS 256-512 and EdDSA',
    wrong: /expects RS256 unless told otherwise/,
    right: ['06', /RS, ES and PS[^.]*EdDSA/],
  },
  {
    what: 'what reaches the client when Vault talks to the API server',
    source: 'kubernetes path_login.go: only a failed TokenReview becomes permission denied',
    wrong: /anything (?:that fails |goes wrong )?while Vault talks to the API server/i,
    right: ['05', /failed namespace lookup comes back inside the 403's message/],
  },
  {
    what: "the namespace selector's reviewer JWT",
    source: "backend.go loadConfig reads the pod's token when disable_local_ca_jwt=false",
    wrong: /Without a reviewer JWT the plugin refuses/,
    right: ['06', /disable_local_ca_jwt=false/],
  },
  {
    what: "a pod's token with the JWT method",
    source: "TokenRequest extends only pod-bound 3607 s tokens for the API server's audiences",
    wrong: /about a year for the token in a pod's file/,
    right: ['02', /Only a token for the API server's own audience is extended/],
  },
  {
    what: 'a CA taken from a kubeconfig',
    source: 'kubernetes path_config.go refuses PEM data with no certificates',
    wrong: /`certificate-authority-data` from a working kubeconfig(?! \*decoded)/,
    right: ['05', /decoded from base64 first/],
  },
  {
    what: "a JWT's parts in a terminal",
    source: 'RFC 7519: base64url without padding, which base64 -d refuses',
    wrong: /cut -d\. -f\d \| base64 -d/,
    right: ['02', /gsub\("-";"\+"\) \| gsub\("_";"\/"\) \| @base64d/],
  },
  {
    what: "the checks path_login.go makes before the role's bounds",
    source: 'kubernetes path_login.go: token_bound_cidrs, then expiry, issuer, audience and signature',
    wrong: /the order above is the order of its `path_login\.go`\.\)/,
    right: ['00', /token_bound_cidrs[^)]*signature only when `pem_keys`/],
  },
];

describe('claims the source contradicts', () => {
  it.each(CLAIMS)('$what: the old wording is gone and the fact is stated', ({ source, wrong, right }) => {
    expect(textOf(), source).not.toMatch(wrong);
    expect(textOf(right[0]), source).toMatch(right[1]);
  });
});
