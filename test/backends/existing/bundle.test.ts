import { describe, expect, it } from 'vitest';
import { formatBundle, parseBundle, type EnvBundle } from '../../../src/backends/existing/bundle.js';

const bundle: EnvBundle = {
  prefix: 'learner-01',
  context: 'learner-01@workshop',
  marker: '5b1c0d7e-0000-4000-8000-000000000001',
  kubeServer: 'https://10.0.0.1:6443',
  kubeconfig: "apiVersion: v1\nkind: Config\n# a line with a 'quote'\n",
  vaultAddr: 'https://vault.example:8200',
  vaultToken: "hvs.it's-quoted",
};

describe('env bundle', () => {
  it('is shell export lines that read back to the same values', () => {
    const text = formatBundle(bundle);
    expect(text).toMatch(/^export LAB_BACKEND=existing$/m);
    expect(text).toMatch(/^export LAB_PREFIX=learner-01$/m);
    expect(text).toMatch(/^export VAULT_TOKEN='hvs\.it'\\''s-quoted'$/m);
    expect(text).toContain(`export LAB_KUBECONFIG_DATA=${Buffer.from(bundle.kubeconfig).toString('base64')}`);
    expect(parseBundle(text)).toEqual(bundle);
  });

  it('names the first variable a file lacks', () => {
    const text = formatBundle(bundle).replace(/^export LAB_MARKER=.*$/m, '');
    expect(() => parseBundle(text, 'ada.env')).toThrow(
      'ada.env has no LAB_MARKER, so it is not an env bundle from `workshop prepare`.',
    );
  });
});
