import { describe, expect, it } from 'vitest';
import { newRootToken, vaultDevArgs } from '../../src/vault/dev-server.js';

describe('vault dev server', () => {
  it('listens on 127.0.0.1 with the generated root token and stores no token file', () => {
    const args = vaultDevArgs(8200, 'lab-root-abc');
    expect(args).toEqual(
      expect.arrayContaining([
        'server',
        '-dev',
        '-dev-listen-address=127.0.0.1:8200',
        '-dev-root-token-id=lab-root-abc',
        '-dev-no-store-token',
      ]),
    );
  });

  it('generates a different root token each run', () => {
    expect(newRootToken()).not.toBe(newRootToken());
    expect(newRootToken()).toMatch(/^lab-root-[0-9a-f]{24}$/);
  });
});
