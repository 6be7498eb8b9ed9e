// The terminal script as data: the article's steps, in order, with what each must answer.
import { describe, expect, it } from 'vitest';
import { script } from '../../../src/record/terminal/script.js';

describe('the terminal script', () => {
  const steps = script('.lab/env');

  it('follows the article: the role, a token, 403 without a binding, 201 with one, then cleans up', () => {
    const shown = steps.filter((s) => !s.hidden).map((s) => s.command.split('\n')[0]);
    expect(shown[0]).toBe('source .lab/env');
    expect(shown).toContain('kubectl get clusterrole system:auth-delegator -o yaml');
    expect(shown).toContain('export TOKEN=$(kubectl -n demo create token app)');
    const curls = steps.filter((s) => s.command.startsWith('curl'));
    expect(curls.map((s) => String(s.expect ?? s.until))).toEqual([
      String(/^HTTP\/[\d.]+ 403/m),
      String(/"authenticated": ?true[\s\S]*system:serviceaccount:demo:app[\s\S]*system:serviceaccounts:demo\b/),
    ]);
    expect(shown.at(-1)).toBe('kubectl delete namespace demo');
  });

  it("runs the article's `kubectl exec POD cat FILE` and expects current kubectl to refuse it", () => {
    const exec = steps.find((s) => / exec /.test(s.command));
    expect(exec?.command).toMatch(/exec -it \S+ cat \/var\/run\/secrets\/kubernetes.io\/serviceaccount\/token$/);
    expect(exec?.command).not.toContain(' -- ');
    expect(
      exec?.expect?.test('error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead'),
    ).toBe(true);
  });

  it('does not call a TokenRequest token what a pod finds in its token file', () => {
    const token = steps.find((s) => s.command.startsWith('export TOKEN='));
    expect(token?.say).not.toMatch(/what a pod finds/);
    expect(token?.say).toMatch(/one hour/);
  });

  it('starts by removing what an interrupted run left, without showing it', () => {
    expect(steps[0]).toMatchObject({ hidden: true });
    expect(steps[0]?.command).toContain('--ignore-not-found');
  });

  it("logs in to Vault with the article's role: refused before the binding, let in after it", () => {
    const shown = steps.map((s) => s.command.split('\n')[0] ?? '');
    const at = (pattern: RegExp) => shown.findIndex((c) => pattern.test(c));
    const logins = steps.filter((s) => /^vault write (-format=json )?auth\/kubernetes-demo\/login/.test(s.command));
    expect(logins.map((s) => String(s.expect))).toEqual([
      String(/permission denied/),
      String(/^(?=[\s\S]*"token_policies": \[\s*"default"\s*\])(?=[\s\S]*"service_account_name": "app")/),
    ]);
    expect(at(/^vault auth enable/)).toBeLessThan(at(/^vault write auth\/kubernetes-demo\/login/));
    expect(at(/^kubectl create clusterrolebinding/)).toBeGreaterThan(at(/^vault write auth\/kubernetes-demo\/login/));
    const loginsAt = shown.flatMap((c, i) => (c.includes('/login') ? [i] : []));
    expect(loginsAt[1]).toBeGreaterThan(at(/^kubectl create clusterrolebinding/));
    const config = steps.find((s) => s.command.includes('/config'))?.command ?? '';
    expect(config).toContain('disable_local_ca_jwt=true');
    expect(config).not.toContain('token_reviewer_jwt');
    expect(steps[0]?.command).toContain('vault auth disable kubernetes-demo');
  });

  it('reads the token from a real pod with `kubectl exec ... -- cat` where the backend runs pods', () => {
    expect(steps.some((s) => s.command.includes(' -- cat '))).toBe(false);
    const withPods = script('.lab/env', 'lab/busybox:1');
    const exec = withPods.find((s) => s.command.includes(' -- cat '));
    expect(exec?.command).toBe(
      'kubectl -n demo exec token-reader -- cat /var/run/secrets/kubernetes.io/serviceaccount/token',
    );
    expect(exec?.expect?.test('eyJhbGciOiJSUzI1NiJ9.e30.x')).toBe(true);
    expect(withPods.find((s) => s.command.startsWith('kubectl -n demo run'))?.command).toContain(
      '--image=lab/busybox:1',
    );
    expect(withPods.some((s) => s.command === 'kubectl -n demo delete pod token-reader --now')).toBe(true);
  });

  it('never puts a token on a command line it shows: the token travels in $TOKEN', () => {
    for (const s of steps) expect(s.command).not.toMatch(/eyJ/);
    expect(steps.find((s) => s.command.startsWith('curl'))?.command).toContain('Authorization: Bearer $TOKEN');
  });
});
