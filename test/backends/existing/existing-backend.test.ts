import { describe, expect, it } from 'vitest';
import { existingBackend } from '../../../src/backends/existing/existing-backend.js';

describe('the existing backend', () => {
  it('offers none of what only a lab running its own servers shows, and says so for the signing key', async () => {
    expect(existingBackend.offers).toEqual({ signingKey: false, vaultLog: false, audit: false, trace: false });
    await expect(existingBackend.signingKey({ kubeCaFile: '/unused' })).rejects.toThrow(
      /does not let the lab read its service-account signing key[\s\S]*recordings\/05-troubleshooting\.ipynb/,
    );
  });

  it('starts and stops nothing there', async () => {
    expect(existingBackend.describe(undefined)).toEqual([]);
    expect(existingBackend.leftover()).toBeUndefined();
    await expect(existingBackend.stop(undefined)).resolves.toBeUndefined();
    expect(await existingBackend.unavailable()).toBeUndefined();
  });
});
