import { describe, expect, it } from 'vitest';
import { certificateSummary } from '../../src/pki/inspect.js';
import { generatePki } from '../../src/pki/pki.js';

describe('certificateSummary', () => {
  it('shows that two lab CAs share a name but not a fingerprint', async () => {
    const [a, b] = await Promise.all([generatePki(), generatePki()]);
    const [sa, sb] = [certificateSummary(a.caCert), certificateSummary(b.caCert)];
    expect(sa.subject).toBe('CN=auth-delegator-lab-ca');
    expect(sa.issuer).toBe(sa.subject);
    expect(sb.subject).toBe(sa.subject);
    expect(sa.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(sb.fingerprint).not.toBe(sa.fingerprint);
    expect(Date.parse(sa.notAfter)).toBeGreaterThan(Date.now());
  });
});
