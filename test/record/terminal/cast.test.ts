import { describe, expect, it } from 'vitest';
import { toCast, wrap } from '../../../src/record/terminal/cast.js';

const scenes = [
  {
    comments: ['What system:auth-delegator allows.'],
    command: 'kubectl get clusterrole system:auth-delegator -o yaml',
    output: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n',
  },
  { command: 'curl -sS -i \\\n  "$KUBE_API/apis"', output: 'HTTP/2 403\r\ncontent-type: application/json\r\n' },
  { command: 'cd "$(mktemp -d)"', output: '' },
];

const parse = (cast: string) => {
  const [header, ...events] = cast.trimEnd().split('\n');
  return {
    header: JSON.parse(header ?? '{}') as Record<string, unknown>,
    events: events.map((e) => JSON.parse(e) as [number, string, string]),
  };
};

describe('toCast', () => {
  it('writes an asciinema v2 file: a header line, then [time, "o", text] events', () => {
    const { header, events } = parse(toCast(scenes, { title: 'demo', width: 100, height: 30 }));
    expect(header).toEqual({
      version: 2,
      width: 100,
      height: 30,
      title: 'demo',
      env: { SHELL: '/bin/bash', TERM: 'xterm-256color' },
    });
    expect(header).not.toHaveProperty('timestamp');
    expect(events.every(([t, type, text]) => typeof t === 'number' && type === 'o' && typeof text === 'string')).toBe(
      true,
    );
  });

  it('is pure and deterministic: the same scenes give the same bytes', () => {
    expect(toCast(scenes)).toBe(toCast(structuredClone(scenes)));
  });

  it('keeps time moving forward, with millisecond precision', () => {
    const { events } = parse(toCast(scenes));
    const times = events.map(([t]) => t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const t of times) expect(Math.round(t * 1000) / 1000).toBe(t);
  });

  it('replays to the terminal text: prompt, typed command, continuation prompt, output with CRLF', () => {
    const { events } = parse(toCast(scenes));
    const screen = events.map(([, , text]) => text).join('');
    expect(screen).toContain('\x1b[2m# What system:auth-delegator allows.\x1b[0m\r\n');
    expect(screen).toContain(
      '\x1b[1;32m$\x1b[0m kubectl get clusterrole system:auth-delegator -o yaml\r\napiVersion: rbac.authorization.k8s.io/v1\r\nkind: ClusterRole\r\n',
    );
    expect(screen).toContain(
      'curl -sS -i \\\r\n\x1b[1;32m>\x1b[0m   "$KUBE_API/apis"\r\nHTTP/2 403\r\ncontent-type: application/json\r\n',
    );
    expect(screen).not.toMatch(/[^\r]\n/);
  });

  it('types long commands faster, so no command takes more than a few seconds', () => {
    const long = 'x'.repeat(2000);
    const { events } = parse(toCast([{ command: long, output: '' }]));
    const typed = events.filter(([, , text]) => text === 'x').map(([t]) => t);
    expect((typed.at(-1) ?? 0) - (typed[0] ?? 0)).toBeLessThan(10);
  });
});

describe('wrap', () => {
  it('wraps on word boundaries at the width', () => {
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });
});
