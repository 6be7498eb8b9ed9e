import { describe, expect, it } from 'vitest';
import { kindNodeImage } from '../../src/backends/kind.js';

describe('kindNodeImage', () => {
  it('uses LAB_KIND_IMAGE, e.g. the image scripts/kind-node-image builds', () => {
    expect(kindNodeImage({ LAB_KIND_IMAGE: 'auth-delegator-lab/kind-node:v1.36.3-0123456789ab' })).toBe(
      'auth-delegator-lab/kind-node:v1.36.3-0123456789ab',
    );
  });

  it("leaves the choice to kind when it is unset or empty (kind's default node image)", () => {
    expect(kindNodeImage({})).toBeUndefined();
    expect(kindNodeImage({ LAB_KIND_IMAGE: ' ' })).toBeUndefined();
  });
});
