// The debrief and the hints, pure: the runbook lists every diagnosis in order with its evidence and each cause
// with its fix, a cause never named reads "fixed, not diagnosed", no hint names a log a shared Vault keeps, and a
// Vault in a pod gets the fixes and the sources that fit a pod.
import { describe, expect, it } from 'vitest';
import { renderDebrief, timeToDiagnosis } from '../../../src/exercises/incident/debrief.js';
import { refusedHints } from '../../../src/exercises/incident/hints.js';
import type { Journal } from '../../../src/exercises/incident/journal.js';
import type { Live } from '../../../src/exercises/incident/live.js';
import { incidentNames } from '../../../src/exercises/incident/setup.js';

const names = incidentNames({ name: (base) => `ada-${base}` });
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 3, 9, 0, seconds)).toISOString();
const journal = (entries: Journal['entries']): Journal => ({ seed: 7, count: 2, started: at(0), entries });
const outside = { kubernetesHost: 'https://127.0.0.1:6443' };
const pod = {
  podRef: { namespace: 'vault', name: 'vault-0' },
  kubernetesHost: 'https://kubernetes.default.svc',
  serviceAccount: { namespace: 'vault', name: 'vault' },
  binding: 'vault-server-binding',
};

describe('renderDebrief', () => {
  const wrong = { at: at(20), kind: 'diagnosis', cause: 'expiry', evidence: 'a hunch', verdict: 'wrong' } as const;
  const host = { at: at(50), kind: 'diagnosis', cause: 'host', evidence: 'port 1 closed', verdict: 'right' } as const;

  it('lists what was named in order, the evidence of each cause and the command that fixes it', () => {
    const issuer = {
      at: at(90),
      kind: 'diagnosis',
      cause: 'issuer',
      evidence: 'iss differs',
      verdict: 'late',
    } as const;
    const text = renderDebrief(journal([wrong, host, issuer]), ['host', 'issuer'], { names, vaultSide: outside });
    expect(text).toContain('the last one named (1m after the start).');
    expect(text).toContain('  1. expiry, ✗ not broken (20s after the start)');
    expect(text.indexOf('expiry, ✗ not broken')).toBeLessThan(text.indexOf('host, ✓ broken'));
    expect(text).toContain('issuer, ✓ broken, but already fixed');
    expect(text).toContain('shown by: port 1 closed');
    expect(text).toContain(`fixed by: vault write auth/${names.mount}/config kubernetes_host="$KUBE_API"`);
  });

  it('says "fixed, not diagnosed" for a cause never named, and has no time to diagnosis yet', () => {
    const j = journal([wrong, host]);
    expect(timeToDiagnosis(j, ['host', 'issuer'])).toBeUndefined();
    expect(timeToDiagnosis(j, ['host'])).toBe(50);
    const text = renderDebrief(j, ['host', 'issuer'], { names, vaultSide: outside });
    expect(text).toContain('not all named');
    expect(text).toMatch(/issuer: .*\n {5}shown by: \(fixed, not diagnosed\)/);
  });

  it("writes the fixes for Vault in a pod with the API server's in-cluster name and the chart's binding", () => {
    const text = renderDebrief(journal([host]), ['host', 'vault-binding'], {
      names,
      vaultSide: { kubernetesHost: pod.kubernetesHost, pod },
    });
    expect(text).toContain(`config kubernetes_host=https://kubernetes.default.svc kubernetes_ca_cert=@"$KUBE_CA"`);
    expect(text).toContain(
      'fixed by: kubectl create clusterrolebinding vault-server-binding --clusterrole=system:auth-delegator ' +
        '--serviceaccount=vault:vault',
    );
  });
});

describe('refusedHints', () => {
  const live: Live = {
    names,
    api: { server: 'https://127.0.0.1:6443', ca: 'CA' },
    vaultSide: outside,
    login: { path: `auth/${names.mount}`, role: 'app', status: 403, errors: ['permission denied'] },
    reviewerUid: 'u1',
    clusterIssuer: 'https://kubernetes.default.svc.cluster.local',
    reviewerMayReview: false,
    appMayReview: false,
    clusterBinding: undefined,
    config: { kubernetes_host: 'https://127.0.0.1:6443', kubernetes_ca_cert: 'CA', token_reviewer_jwt_set: true },
    roleFound: true,
    role: { name: 'app', bound_service_account_namespaces: [names.namespace], audience: '' },
  };
  const offers = { signingKey: false, vaultLog: false, audit: false, trace: false };

  it("starts from Vault's answer, points a bare permission denied at the TokenReview, and ends with live evidence", () => {
    const [first, , last] = refusedHints(live, offers);
    expect(first).toContain('answers 403: permission denied');
    expect(first).toContain('the TokenReview Vault sends');
    expect(last).toContain(`kubectl get clusterrolebinding ${names.binding} finds none`);
  });

  it("names Vault's log and the tracer only where the lab offers them", () => {
    expect(refusedHints(live, offers).join('\n')).not.toMatch(/vault\.log|traceTokenReviews/);
    const own = refusedHints(live, { ...offers, vaultLog: true, trace: true }).join('\n');
    expect(own).toContain('.lab/logs/vault.log');
    expect(own).toContain('traceTokenReviews()');
  });

  it("points a Vault in a pod at its own account and its pod's log, never at a log file on this machine", () => {
    const inPod: Live = {
      ...live,
      vaultSide: { kubernetesHost: pod.kubernetesHost, pod },
      vaultMayReview: false,
      config: { ...live.config, token_reviewer_jwt_set: false, disable_local_ca_jwt: false },
    };
    const hints = refusedHints(inPod, offers).join('\n');
    expect(hints).toContain("Vault's pod token (with disable_local_ca_jwt=false)");
    expect(hints).toContain("--as=system:serviceaccount:vault:vault (Vault's own account)");
    expect(hints).toContain("kubectl -n vault logs vault-0 | grep 'login unauthorized'");
    expect(hints).not.toContain('.lab/logs/vault.log');
  });
});
