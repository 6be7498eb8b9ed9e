// No file in the repository, and nothing under recordings/, holds a live credential: every tracked (or
// about to be tracked) file and every recording goes through the scanner the recorder also uses.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/paths.js';
import { scanFiles, type Finding } from '../../src/scan/scanner.js';

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** `git ls-files` plus files not yet committed (but not ignored), so a leak is caught before its commit. */
function repositoryFiles(root: string): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  return out
    .split('\0')
    .filter(Boolean)
    .map((f) => join(root, f))
    .filter((f) => existsSync(f) && statSync(f).isFile());
}

/** Every repository file and every recording, through the scanner's own scanFiles (it skips binary files). */
async function scanTree(root: string): Promise<Finding[]> {
  const files = [...new Set([...repositoryFiles(root), ...walk(join(root, 'recordings'))])].sort();
  return (await scanFiles(files)).map((f) => ({ ...f, file: relative(root, f.file) }));
}

const report = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line} ${f.kind}: ${f.excerpt}`).join('\n');

// A JWT made at run time, shaped like a service-account token, so none sits in the repository.
function plantedJwt(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: ['https://kubernetes.default.svc.cluster.local'],
    exp: now + 3600,
    iat: now,
    iss: 'https://kubernetes.default.svc.cluster.local',
    sub: 'system:serviceaccount:demo:app',
  };
  return [
    part({ alg: 'RS256', kid: randomBytes(16).toString('base64url') }),
    part(claims),
    randomBytes(256).toString('base64url'),
  ].join('.');
}

describe('the repository and its recordings', () => {
  it('hold no token, key or certificate private part', async () => {
    const findings = await scanTree(repoRoot);
    expect(findings, `credentials found:\n${report(findings)}`).toEqual([]);
  });

  describe('a planted credential', () => {
    const copies: string[] = [];
    afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    /** An empty git repository of its own for each case, so the cases never depend on each other's order. */
    const emptyRepository = () => {
      const dir = mkdtempSync(join(tmpdir(), 'lab-scan-'));
      copies.push(dir);
      execFileSync('git', ['init', '-q', dir]);
      return dir;
    };

    it('makes the same scan fail: a JWT in a recording of a copy of the repository', async () => {
      const copy = emptyRepository();
      cpSync(join(repoRoot, 'README.md'), join(copy, 'README.md'));
      const recordings = join(repoRoot, 'recordings');
      if (existsSync(recordings)) cpSync(recordings, join(copy, 'recordings'), { recursive: true });
      expect(await scanTree(copy)).toEqual([]);

      const jwt = plantedJwt();
      const target = join(copy, 'recordings', 'terminal.md');
      const before = existsSync(target) ? readFileSync(target, 'utf8') : '';
      mkdirSync(join(copy, 'recordings'), { recursive: true });
      writeFileSync(target, `${before}\n\`\`\`console\n$ echo "$TOKEN"\n${jwt}\n\`\`\`\n`);
      const findings = await scanTree(copy);
      expect(findings.map((f) => ({ file: f.file, kind: f.kind }))).toEqual([
        { file: join('recordings', 'terminal.md'), kind: 'jwt' },
      ]);
      expect(report(findings)).not.toContain(jwt.split('.')[2]);
    });

    it('makes the same scan fail: a JWT in a tracked file', async () => {
      const copy = emptyRepository();
      writeFileSync(join(copy, 'notes.md'), `curl -H "Authorization: Bearer ${plantedJwt()}"\n`);
      expect((await scanTree(copy)).map((f) => f.kind)).toContain('jwt');
    });
  });
});
