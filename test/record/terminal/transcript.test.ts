import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LabError } from '../../../src/errors.js';
import { checkTools } from '../../../src/record/terminal/transcript.js';
import { transcriptMarkdown } from '../../../src/record/pages.js';

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
    const bash = (path ?? '')
      .split(delimiter)
      .map((d) => join(d, 'bash'))
      .find((p) => existsSync(p));
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
        {
          heading: 'Without a binding: 403',
          say: 'The request.',
          command: 'curl -i \\\n  "$KUBE_API/x"',
          output: 'HTTP/2 403 \n',
        },
        { command: 'kubectl auth can-i create tokenreviews', output: 'no', note: 'Repeated.' },
        { say: 'Decoded.', output: '{"alg": "ES256"}' },
      ],
      'local',
    );
    expect(md).toContain(
      '## Without a binding: 403\n\nThe request.\n\n```console\n$ curl -i \\\n  "$KUBE_API/x"\nHTTP/2 403 \n$ kubectl auth can-i create tokenreviews\nno\n```\n\n*Repeated.*\n',
    );
    expect(md).toContain('Decoded.\n\n```json\n{"alg": "ES256"}\n```\n');
  });
});
