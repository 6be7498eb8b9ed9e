// The diagnosis challenge, for every fault it can inject: the check is ✗ while the fault is there (and
// never names it), the live setup shows exactly that fault, and after the solution the check is ✓.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULTS, FAULT_NAMES, brokenFaults, faultFor } from '../../src/exercises/challenge.js';
import { task } from '../../src/exercises/task-list.js';
import type { Lab } from '../../src/exercises/types.js';
import { breakOne, runningLab } from '../../src/notebook/practice.js';
import { repeat } from '../../src/poll.js';

const challenge = task('05-diagnose');
let lab: Lab;

beforeAll(async () => {
  lab = await runningLab();
});

afterAll(async () => {
  await challenge.reset(lab);
});

describe.each(FAULTS)('fault: %s', (fault) => {
  it('is ✗ while broken, without naming the fault, and ✓ after the solution', async () => {
    await breakOne(lab, fault);
    const broken = await challenge.check(lab);
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.finding).toBe('refused');
      const said = [broken.found, ...broken.hints].join('\n');
      expect(said).not.toContain(FAULT_NAMES[fault]);
    }
    expect(await brokenFaults(lab)).toEqual([fault]);

    const did = await challenge.solve(lab);
    expect(did).toContain(`Broken was: ${FAULT_NAMES[fault]}.`);
    // RBAC and Vault's config reach the login a moment after the write.
    const { answer } = await repeat(
      () => challenge.check(lab),
      (o) => o.ok,
      { timeoutMs: 15_000, intervalMs: 500 },
    );
    expect(answer).toMatchObject({ ok: true });
    expect(await brokenFaults(lab)).toEqual([]);
  });
});

it('the recording seed breaks the binding', () => {
  expect(faultFor(7)).toBe('binding');
});
