// The task registry: one task or more per notebook 01-05, each with hints written for real wrong attempts.
import { describe, expect, it } from 'vitest';
import { FAULTS, faultFor, faultsFor } from '../../src/exercises/challenge.js';
import { TASKS, task } from '../../src/exercises/task-list.js';

describe('the tasks', () => {
  it('covers notebooks 01 to 05 and 08, each task with at least one typical wrong attempt', () => {
    expect([...new Set(TASKS.map((t) => t.notebook.slice(0, 2)))]).toEqual(['01', '02', '03', '04', '05', '08']);
    for (const t of TASKS) expect(t.attempts.length, t.id).toBeGreaterThan(0);
    expect(new Set(TASKS.map((t) => t.id)).size).toBe(TASKS.length);
  });

  it('lists the valid names for an unknown one', () => {
    expect(() => task('03-bnid')).toThrow(
      /There is no task "03-bnid"[\s\S]*01-clusterrole, 02-token-secret, 03-bind, 04-vault-role, 05-diagnose/,
    );
  });

  it('wrong attempts name every cluster-wide object through lab.name', () => {
    for (const t of TASKS) {
      for (const a of t.attempts) {
        expect(a.cell, `${t.id}: ${a.what}`).not.toMatch(/'lab-(review|tokens|vault|challenge)[^']*'(?!\))/);
        for (const line of a.cell.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe('the challenge seed', () => {
  it('gives the same fault for the same seed, and every fault for some seed', () => {
    expect(faultFor(7)).toBe(faultFor(7));
    const seen = new Set(Array.from({ length: 64 }, (_, seed) => faultFor(seed)));
    expect([...seen].sort()).toEqual([...FAULTS].sort());
  });

  it('draws only from the faults a shared cluster can stage when told so, and the same as before otherwise', () => {
    const shared = faultsFor({ signingKey: false });
    expect(shared).not.toContain('expiry');
    const seen = new Set(Array.from({ length: 64 }, (_, seed) => faultFor(seed, shared)));
    expect([...seen].sort()).toEqual([...shared].sort());
    expect(faultsFor({ signingKey: true })).toEqual(FAULTS);
    for (let seed = 0; seed < 64; seed++) expect(faultFor(seed, FAULTS)).toBe(faultFor(seed));
  });
});
