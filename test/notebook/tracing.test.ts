import { describe, expect, it } from 'vitest';
import type { Lab } from '../../src/exercises/types.js';
import { traceTokenReviews } from '../../src/notebook/tracing.js';

describe('traceTokenReviews', () => {
  it('refuses a shared Vault, which cannot reach a tracer on the learner’s machine, and starts nothing', async () => {
    const lab = { offers: { trace: false }, state: { vault: {} } } as unknown as Lab;
    await expect(traceTokenReviews(lab)).rejects.toThrow(
      /The tracer runs on this machine, and a shared Vault \(backend existing\) cannot reach it\.\nFix: read the traced logins/,
    );
  });
});
