// openIncident's refusal, before it touches a server: a count other than 2 or 3.
import { describe, expect, it } from 'vitest';
import { openIncident } from '../../../src/exercises/incident/open.js';
import type { Lab } from '../../../src/exercises/types.js';

const lab = { state: { vault: {} }, offers: { signingKey: true } } as unknown as Lab;

describe('openIncident', () => {
  it('breaks 2 or 3 things, and says so for any other count', async () => {
    await expect(openIncident(lab, 7, 4)).rejects.toThrow('An incident breaks 2 or 3 things, not 4.');
    await expect(openIncident(lab, 7, 1)).rejects.toThrow('not 1');
  });
});
