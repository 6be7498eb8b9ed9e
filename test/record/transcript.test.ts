import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LabError } from '../../src/errors.js';
import { checkTools, script } from '../../src/record/transcript.js';
import { transcriptMarkdown } from '../../src/record/pages.js';

describe('the terminal script', () => {
  const steps = script('.lab/env');

  it("follows the article: the role, a token, 403 without a binding, 201 with one, then cleans up", () => {
    const shown = steps.filter((s) => !s.hidden).map((s) => s.command.split('\n')[0]);
    expect(shown[0]).toBe('source .lab/env');
    expect(shown).toContain('kubectl get clusterrole system:auth-delegator -o yaml');
    expect(shown).toContain('export TOKEN=$(kubectl -n demo create token app)');
    const curls = steps.filter((s) => s.command.startsWith('curl'));
    expect(curls.map((s) => String(s.expect ?? s.until))).toEqual([String(/^HTTP\/[\d.]+ 403/m), String(/"authenticated": ?true[\s\S]*system:serviceaccount:demo:app[\s\S]*system:serviceaccounts:demo\b/)]);
    expect(shown.at(-1)).toBe('kubectl delete namespace demo');
  });

  it("runs the article's `kubectl exec POD cat FILE` and expects current kubectl to refuse it", () => {
    const exec = steps.find((s) => / exec /.test(s.command));
    expect(exec?.command).toMatch(/exec -it \S+ cat \/var\/run\/secrets\/kubernetes.io\/serviceaccount\/token$/);
    expect(exec?.command).not.toContain(' -- ');
    expect(exec?.expect?.test('error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead')).toBe(true);
  });

  it('does not call a TokenRequest token what a pod finds in its token file', () => {
    const token = steps.find((s) => s.command.startsWith('export TOKEN='));
    expect(token?.say).not.toMatch(/what a pod finds/);
    expect(token?.say).toMatch(/one hour/);
  });

  it('starts by removing what an interrupted run left, without showing it', () => {
    expect(steps[0]).toMatchObject({ hidden: true });
    expect(steps[0]?.command).toContain('--ignore-not-found');
  });

  it('never puts a token on a command line it shows: the token travels in $TOKEN', () => {
    for (const s of steps) expect(s.command).not.toMatch(/eyJ/);
    expect(steps.find((s) => s.command.startsWith('curl'))?.command).toContain('Authorization: Bearer $TOKEN');
  });
});

describe('checkTools', () => {
  const path = process.env.PATH;
  let dir = '';
  afterEach(() => {
    process.env.PATH = path;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names kubectl and the fix when kubectl is not on PATH', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lab-nokubectl-'));
    // Only bash, which the check asks for before kubectl.
    const bash = (path ?? '').split(delimiter).map((d) => join(d, 'bash')).find((p) => existsSync(p));
    symlinkSync(bash ?? '/bin/bash', join(dir, 'bash'));
    process.env.PATH = dir;
    const error = await checkTools().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).problem).toMatch(/runs kubectl.*not on PATH/);
    expect((error as LabError).fix).toMatch(/install kubectl .*--only NN/);
  });
});

describe('transcriptMarkdown', () => {
  it('renders console blocks with the command and its output, and the notes in italics', () => {
    const md = transcriptMarkdown(
      [
        { heading: 'Without a binding: 403', say: 'The request.', command: 'curl -i \\\n  "$KUBE_API/x"', output: 'HTTP/2 403 \n' },
        { command: 'kubectl auth can-i create tokenreviews', output: 'no', note: 'Repeated.' },
        { say: 'Decoded.', output: '{"alg": "ES256"}' },
      ],
      'local',
    );
    expect(md).toContain('## Without a binding: 403\n\nThe request.\n\n```console\n$ curl -i \\\n  "$KUBE_API/x"\nHTTP/2 403 \n$ kubectl auth can-i create tokenreviews\nno\n```\n\n*Repeated.*\n');
    expect(md).toContain('Decoded.\n\n```json\n{"alg": "ES256"}\n```\n');
  });
});
