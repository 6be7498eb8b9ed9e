// sh`...` against the running lab: the real kubectl, curl and vault with the lab's variables, one shell per
// kernel (here, per test file), and nothing secret in what it keeps.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runningLab } from '../../src/notebook/practice.js';
import { sh } from '../../src/notebook/shell.js';
import { labDir } from '../../src/paths.js';

describe('sh', () => {
  it("runs the article's commands against the lab, carrying exports and the directory from one call to the next", async () => {
    const lab = await runningLab();
    const role = await sh`kubectl get clusterrole system:auth-delegator -o yaml`;
    expect(role.status).toBe(0);
    expect(role.output).toMatch(/tokenreviews[\s\S]*subjectaccessreviews/);

    await lab.kube.ensureNamespace('lab-fast');
    await lab.kube.ensureServiceAccount({ namespace: 'lab-fast', name: 'app' });
    const exported = await sh`export TOKEN=$(kubectl -n lab-fast create token app) && echo "$TOKEN" > token.txt`;
    expect(exported.status).toBe(0);
    const shown = await sh`cat token.txt; echo "$TOKEN" | wc -c`;
    // The scratch directory is the lab's own, which `down` removes with the rest of the state.
    expect((await sh`pwd`).output.trim()).toMatch(new RegExp(`^${join(labDir(), 'shell-')}\\w+$`));
    expect(shown.output).toMatch(/«redacted JWT eyJ/);
    expect(Number(shown.output.trim().split('\n').at(-1))).toBeGreaterThan(100);

    const review = await sh`curl -sS -i --cacert "$KUBE_CA" -X POST -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $TOKEN" -d '{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview"}' \
  "$KUBE_API/apis/authentication.k8s.io/v1/tokenreviews"`;
    expect(review.httpStatus).toBe(403);
    const vault = await sh`vault auth list -format=json | grep -c '"type"'`;
    expect(vault.status).toBe(0);
    const failed = await sh`kubectl get clusterrole no-such-role`;
    expect(failed.status).not.toBe(0);
    expect(String(failed)).toMatch(/NotFound[\s\S]*\(exit status 1\)$/);
  });
});
