import { describe, expect, it } from 'vitest';
import { serverAndCa } from '../../src/backends/kind.js';
import { LabError } from '../../src/errors.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const kubeconfig = (cluster: string) => `apiVersion: v1
kind: Config
current-context: kind-lab
clusters:
- name: kind-lab
  cluster:
${cluster}
contexts:
- name: kind-lab
  context: { cluster: kind-lab, user: kind-lab }
users:
- name: kind-lab
  user: { token: abc }
`;

describe('serverAndCa', () => {
  it("reads the current cluster's server and CA, as kind writes them", () => {
    const text = kubeconfig(`    server: https://127.0.0.1:6443\n    certificate-authority-data: ${Buffer.from(CA).toString('base64')}`);
    expect(serverAndCa(text)).toEqual({ server: 'https://127.0.0.1:6443', ca: CA });
  });

  it('refuses a kubeconfig without CA data, with the command to look at it', () => {
    expect(() => serverAndCa(kubeconfig('    server: https://127.0.0.1:6443'))).toThrow(LabError);
    expect(() => serverAndCa(kubeconfig('    server: https://127.0.0.1:6443'))).toThrow(/kind get kubeconfig --name auth-delegator-lab/);
  });
});
