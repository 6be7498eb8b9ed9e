// The incident's draw and vocabulary, pure: the same seed breaks the same causes, every draw can coexist, a
// shared cluster never draws a cause that needs the signing key, Vault's own binding is drawn only with Vault in a
// pod, and each cause changes one field of the spec.
import { describe, expect, it } from 'vitest';
import { CAUSES, CAUSE_INFO, canCoexist, specWith, type Cause } from '../../../src/exercises/incident/causes.js';
import { causesFor, drawCauses } from '../../../src/exercises/incident/draw.js';
import { BASE } from '../../../src/exercises/incident/setup.js';

const SEEDS = Array.from({ length: 2000 }, (_, seed) => seed);
const SHARED = causesFor({ signingKey: false });
const EVERY = causesFor({ signingKey: true, vaultPod: true });

describe('drawCauses', () => {
  it('gives the same causes for the same seed, and the number asked for', () => {
    for (const count of [2, 3]) {
      for (const seed of SEEDS.slice(0, 50)) {
        expect(drawCauses(seed, count, EVERY)).toEqual(drawCauses(seed, count, EVERY));
        expect(drawCauses(seed, count, EVERY)).toHaveLength(count);
      }
    }
  });

  it('draws only causes that can be broken together, and reaches every pair that can', () => {
    const pairs = new Set<string>();
    for (const seed of SEEDS) {
      const drawn = drawCauses(seed, 3, EVERY);
      for (const a of drawn) for (const b of drawn) if (a !== b) expect(canCoexist(a, b), `${a} + ${b}`).toBe(true);
      pairs.add(drawCauses(seed, 2, EVERY).join('+'));
    }
    const possible = CAUSES.flatMap((a, i) =>
      CAUSES.slice(i + 1)
        .filter((b) => canCoexist(a, b))
        .map((b) => `${a}+${b}`),
    );
    expect([...pairs].sort()).toEqual(possible.sort());
  });

  it('on a shared cluster never draws the expired JWT, which needs the signing key, nor a cause of a Vault pod', () => {
    expect(SHARED).not.toContain('expiry');
    expect(SHARED).not.toContain('vault-binding');
    expect(EVERY).toEqual(CAUSES);
    const drawn = new Set(SEEDS.flatMap((seed) => drawCauses(seed, 3, SHARED)));
    expect([...drawn].sort()).toEqual([...SHARED].sort());
  });

  it("draws Vault's own binding only with Vault in a pod, and the same causes as before for a Vault outside", () => {
    const outside = causesFor({ signingKey: true });
    expect(outside).toEqual(CAUSES.filter((c) => c !== 'vault-binding'));
    expect(SEEDS.some((seed) => drawCauses(seed, 2, EVERY).includes('vault-binding'))).toBe(true);
    // The seed a recording uses draws from the same pool on a Vault outside the cluster as before the pod's cause.
    expect(drawCauses(7, 2, outside)).toEqual(['host', 'issuer']);
  });
});

describe('the vocabulary', () => {
  it('changes one field of the working spec per cause, to a value the working spec does not have', () => {
    for (const cause of CAUSES) {
      const spec = specWith(BASE, [cause]);
      const changed = Object.keys(spec).filter((k) => spec[k as keyof typeof spec] !== BASE[k as keyof typeof BASE]);
      expect(changed, cause).toEqual([CAUSE_INFO[cause].field]);
    }
  });

  it('keeps apart two causes on one field, and the two that hide each other', () => {
    const clash = (a: Cause, b: Cause) => !canCoexist(a, b) && !canCoexist(b, a);
    expect(clash('reviewer-empty', 'reviewer-dead')).toBe(true);
    expect(clash('binding-scope', 'bound-account')).toBe(true);
    expect(clash('bound-account', 'reviewer-empty')).toBe(true);
    expect(canCoexist('host', 'issuer') && canCoexist('issuer', 'host')).toBe(true);
  });
});
