import { describe, expect, it } from 'vitest';
import { requiredAccess } from '../../src/kube/access.js';

const app = { namespace: 'shop', name: 'app' };
const worker = { namespace: 'jobs', name: 'worker' };
const reviewer = { namespace: 'vault', name: 'vault-reviewer' };
const short = (needs: ReturnType<typeof requiredAccess>) =>
  needs.map((n) => `${n.who.name}: ${n.verb} ${n.resource}${n.name ? `/${n.name}` : ''} @${n.namespace ?? 'cluster'}`);

describe('requiredAccess', () => {
  it('without a reviewer JWT, every client creates TokenReviews itself', () => {
    expect(short(requiredAccess({ clients: [app, worker] }))).toEqual([
      'app: create tokenreviews @cluster',
      'worker: create tokenreviews @cluster',
    ]);
  });

  it('with a reviewer JWT, only the reviewer does', () => {
    expect(short(requiredAccess({ tokenReviewer: reviewer, clients: [app, worker] }))).toEqual([
      'vault-reviewer: create tokenreviews @cluster',
    ]);
  });

  it('alias metadata from annotations: a get on each client service account, with the same bearer', () => {
    expect(
      short(requiredAccess({ tokenReviewer: reviewer, clients: [app], useAnnotationsAsAliasMetadata: true })),
    ).toEqual(['vault-reviewer: create tokenreviews @cluster', 'vault-reviewer: get serviceaccounts/app @shop']);
    expect(short(requiredAccess({ clients: [app], useAnnotationsAsAliasMetadata: true }))).toContain(
      'app: get serviceaccounts/app @shop',
    );
  });

  it('a namespace selector: a get on each client namespace, always by the reviewer', () => {
    expect(short(requiredAccess({ tokenReviewer: reviewer, clients: [app, worker], namespaceSelector: true }))).toEqual(
      [
        'vault-reviewer: create tokenreviews @cluster',
        'vault-reviewer: get namespaces/shop @shop',
        'vault-reviewer: get namespaces/jobs @jobs',
      ],
    );
  });

  it('a namespace selector without a reviewer names the missing token_reviewer_jwt instead of a client', () => {
    const needs = requiredAccess({ clients: [app], namespaceSelector: true });
    expect(needs.at(-1)?.who.name).toBe('token_reviewer_jwt required');
  });
});
