import { describe, expect, it } from 'vitest';
import { widerBounds } from '../../../src/exercises/tasks/vault-role.js';

const NS = 'ws1-lab-vault';
const wider = (names: string[], namespaces: string[]) => widerBounds(names, namespaces, NS, 'vault write …');

describe('the 04-vault-role check: worker, and nobody else', () => {
  it('passes worker in its own namespace alone', () => {
    expect(wider(['worker'], [NS])).toBeUndefined();
  });

  it('names the wildcard, in names or in namespaces', () => {
    expect(wider(['*'], [NS])).toMatchObject({ finding: 'wildcard', found: expect.stringContaining('every service') });
    expect(wider(['worker'], ['*'])).toMatchObject({
      finding: 'wildcard',
      found: expect.stringContaining('every namespace'),
    });
  });

  it('names a glob that is more than a bare *, since Vault matches it as a prefix', () => {
    expect(wider(['w*'], [NS])).toMatchObject({ finding: 'wildcard', found: expect.stringContaining('matches w*') });
    expect(wider(['worker'], ['ws1-*'])).toMatchObject({ finding: 'wildcard' });
  });

  it('names every extra account or namespace beside worker', () => {
    const found = wider(['worker', 'app'], [NS, 'default']);
    expect(found).toMatchObject({ finding: 'extra' });
    expect(found?.ok === false && found.found).toContain('app, default');
  });

  it('leaves a list without worker to the login, which names the refusal', () => {
    expect(wider(['app'], [NS])).toBeUndefined();
  });
});
