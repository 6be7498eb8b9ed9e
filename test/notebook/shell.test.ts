import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { ShellAnswer, sh, shellCommand } from '../../src/notebook/shell.js';

const tag = (strings: TemplateStringsArray, ...values: unknown[]) => shellCommand(strings, values);

describe('shellCommand', () => {
  it('keeps the command as written, backslash-newline included, and quotes every value', () => {
    expect(tag`kubectl -n ${'lab-fast'} create token app`).toBe('kubectl -n lab-fast create token app');
    expect(tag`echo ${"it's; rm -rf /"}`).toBe(`echo 'it'\\''s; rm -rf /'`);
    expect(tag`curl -sS \
  "$KUBE_API/version"`).toBe('curl -sS \\\n  "$KUBE_API/version"');
  });
});

describe('ShellAnswer', () => {
  it("reads the HTTP status of curl -i and of the vault CLI, and Vault's error", () => {
    expect(new ShellAnswer('curl', 'HTTP/2 403 \ncontent-type: application/json\n', 0).httpStatus).toBe(403);
    const vault =
      'Error writing data to auth/k/login: Error making API request.\n\nCode: 403. Errors:\n\n* permission denied\n';
    expect(new ShellAnswer('vault write', vault, 2)).toMatchObject({
      httpStatus: 403,
      vaultError: 'permission denied',
    });
    expect(new ShellAnswer('echo', 'hello\n', 0).httpStatus).toBeUndefined();
  });

  it('prints as a terminal does, with the exit status when it is not 0, never as an object', () => {
    expect(inspect(new ShellAnswer('true', '', 0))).toBe('$ true\n');
    expect(String(new ShellAnswer('false', 'no\n', 1))).toBe('$ false\nno\n(exit status 1)');
    expect(inspect(new ShellAnswer('x', 'y', 0), { colors: true })).not.toContain('\u001b[');
  });
});

describe('sh', () => {
  it('refuses before making anything when the lab is not up, with the command that starts it', async () => {
    const state = mkdtempSync(join(tmpdir(), 'shell-not-up-'));
    onTestFinished(() => rmSync(state, { recursive: true, force: true }));
    vi.stubEnv('LAB_STATE_DIR', state);
    const refused = await sh`kubectl version`.catch((e: unknown) => e);
    expect(refused).toMatchObject({
      problem: expect.stringMatching(/^source \.lab\/env did not work: .*env does not exist$/),
      fix: 'start the lab with npm run lab -- up',
    });
    expect(readdirSync(state)).toEqual([]);
  });
});
