// The check, prediction and progress renderings, read without a kernel.
import { describe, expect, it } from 'vitest';
import { predictionMatches, progressTable, renderCheck, renderPrediction } from '../../src/exercises/task-render.js';
import { failed } from '../../src/exercises/types.js';

const miss = failed('rolebinding', 'A RoleBinding x exists in lab-review, but TokenReview is cluster-scoped.', [
  'general',
  'more specific',
  'the command',
]);

describe('renderCheck', () => {
  it('shows ✓ with what the servers proved, as a task result, never as a notebook verdict', () => {
    const out = renderCheck('03-bind', { ok: true, proved: 'a TokenReview answered 201' });
    expect(out.bundle['text/plain']).toBe('✓ 03-bind: a TokenReview answered 201');
    expect(out.metadata).toEqual({ lab: { task: { task: '03-bind', passed: true } } });
  });

  it('shows ✗ with what it found and the hint for this try, then a more specific one on the next', () => {
    const first = renderCheck('03-bind', miss, 1).bundle['text/plain'] ?? '';
    expect(first).toContain('✗ 03-bind: A RoleBinding x exists in lab-review, but TokenReview is cluster-scoped.');
    expect(first).toContain('Hint 1/3: general');
    expect(first).toContain("run the check again for a more specific hint, or await solve('03-bind')");
    expect(renderCheck('03-bind', miss, 2).bundle['text/plain']).toContain('Hint 2/3: more specific');
    const last = renderCheck('03-bind', miss, 7);
    expect(last.bundle['text/plain']).toContain('Hint 3/3: the command');
    expect(last.bundle['text/plain']).toContain("still stuck? await solve('03-bind')");
    expect(last.metadata).toEqual({
      lab: { task: { task: '03-bind', passed: false, finding: 'rolebinding', hint: 3, hints: 3 } },
    });
    expect(JSON.stringify(last.metadata)).not.toContain('verdict');
  });

  it('redacts a token that a finding quotes', () => {
    // Built from its parts, so the repository's own credential scan does not find a token in this file.
    const jwt = ['eyJhbGciOiJSUzI1NiJ9', 'eyJzdWIiOiJ4In0', 'c2lnbmF0dXJlc2lnbmF0dXJl'].join('.');
    expect(
      renderCheck('05-diagnose', failed('refused', `login with ${jwt}`, ['h'])).bundle['text/plain'],
    ).not.toContain(jwt);
  });
});

describe('predictions', () => {
  it('nudges a blank prediction and still gives the answer', () => {
    const text = renderPrediction(undefined, 403, 'RBAC refused.').bundle['text/plain'] ?? '';
    expect(text).toMatch(/^No prediction yet\. Fill in your guess/);
    expect(text).toContain('The server said 403.');
  });

  it('folds the answer away in JupyterLab until the learner opens it, and keeps it in the plain text', () => {
    const { bundle } = renderPrediction(undefined, 403, 'RBAC refused.');
    const html = bundle['text/html'] ?? '';
    const [before, inside] = html.split('<details>');
    expect(before).not.toContain('403');
    expect(inside).toMatch(
      /^<summary>Show the server's answer anyway<\/summary>[\s\S]*The server said 403\.[\s\S]*RBAC refused\./,
    );
    expect(bundle['text/plain']).toContain('RBAC refused.');
  });

  it('says right or explains the difference', () => {
    expect(renderPrediction(403, 403, 'why').bundle['text/plain']).toContain(
      'You predicted 403, and the server said 403. Right.',
    );
    expect(renderPrediction(201, 403, 'why').bundle['text/plain']).toContain(
      'You predicted 201; the server said 403. Here is why:',
    );
    expect(renderPrediction(true, false, 'why').bundle['text/plain']).toContain(
      'You predicted true; the server said false.',
    );
  });

  it('matches a string when the answer contains it, whatever the case, and never an empty one', () => {
    expect(predictionMatches('Permission Denied', 'permission denied')).toBe(true);
    expect(predictionMatches('namespace', 'namespace not authorized')).toBe(true);
    expect(predictionMatches('forbidden', 'permission denied')).toBe(false);
    expect(predictionMatches('  ', 'permission denied')).toBe(false);
  });
});

describe('progressTable', () => {
  it('one row per task with ✓ or ✗', () => {
    const { text } = progressTable([
      { notebook: '01', task: '01-clusterrole', passed: true, detail: 'exactly create tokenreviews' },
      { notebook: '03', task: '03-bind', passed: false, detail: 'nothing binds worker' },
    ]);
    expect(text).toMatch(/01 +01-clusterrole +✓ +exactly create tokenreviews/);
    expect(text).toMatch(/03 +03-bind +✗ +nothing binds worker/);
  });
});
