// openIncident's refusals, before it touches a server: a count other than 2 or 3, and a lab whose Vault runs as a
// pod (the incident's API server address and reviewer are those of a Vault outside the cluster).
import { describe, expect, it } from 'vitest';
import { openIncident } from '../../../src/exercises/incident/open.js';
import type { Lab } from '../../../src/exercises/types.js';

const labWithVault = (place: 'host' | 'in-cluster') => ({ state: { vault: { place } } }) as unknown as Lab;

describe('openIncident', () => {
  it('breaks 2 or 3 things, and says so for any other count', async () => {
    await expect(openIncident(labWithVault('host'), 7, 4)).rejects.toThrow('An incident breaks 2 or 3 things, not 4.');
    await expect(openIncident(labWithVault('host'), 7, 1)).rejects.toThrow('not 1');
  });

  it('refuses Vault in the cluster in one line, with the command that starts a lab it can use', async () => {
    const refused = openIncident(labWithVault('in-cluster'), 7, 2);
    await expect(refused).rejects.toThrow(/needs Vault outside the cluster/);
    await expect(refused).rejects.toMatchObject({ fix: expect.stringContaining('npm run lab -- up --backend kind') });
  });
});
