import { describe, expect, it } from 'vitest';
import type { Notebook } from '../../../src/jupyter/notebooks.js';
import { toTable } from '../../../src/output/table.js';
import { coalesceStreams, normalizeNotebook } from '../../../src/record/notebooks/stable.js';
import { Normalizer, type KnownValue } from '../../../src/record/placeholders.js';

const KNOWN: KnownValue[] = [
  { kind: 'port', value: '43121', name: 'api-port' },
  { kind: 'port', value: '43999', name: 'vault-port' },
  { kind: 'path', value: '/home/ada/lab', name: 'repo' },
  { kind: 'path', value: '/home/ada', name: 'home' },
];

const UID_A = 'da0c44d5-1111-4111-8111-063ccccda29e';
const UID_B = '3a366063-9999-4999-8999-0659048d2f3e';

// The same object as two different runs print it: only run-specific values differ.
const yamlRun = (uid: string, rv: string, time: string) =>
  [
    'metadata:',
    `  creationTimestamp: "${time}"`,
    '  name: system:auth-delegator',
    `  resourceVersion: "${rv}"`,
    `  uid: ${uid}`,
  ].join('\n');

describe('Normalizer.text', () => {
  it('gives two runs of the same output the same text', () => {
    const a = new Normalizer(KNOWN).text(yamlRun(UID_A, '71', '2025-11-29T17:05:01Z'));
    const b = new Normalizer(KNOWN).text(yamlRun(UID_B, '1234', '2026-01-02T03:04:05Z'));
    expect(a).toBe(b);
    expect(a).toBe(
      [
        'metadata:',
        '  creationTimestamp: "«time»"',
        '  name: system:auth-delegator',
        '  resourceVersion: "«resourceVersion»"',
        '  uid: «uid-1»',
      ].join('\n'),
    );
  });

  it('numbers uids by first appearance, the same uid keeping its number', () => {
    const n = new Normalizer();
    expect(n.text(`${UID_B} ${UID_A} ${UID_B.toUpperCase()}`)).toBe('«uid-1» «uid-2» «uid-1»');
    expect(n.text(UID_A)).toBe('«uid-2»');
  });

  it('names the lab ports, numbers the others, and replaces paths', () => {
    const n = new Normalizer(KNOWN);
    const out = n.text(
      'https://127.0.0.1:43121 http://127.0.0.1:43999 127.0.0.1:2379 localhost:2379 /home/ada/lab/.lab/kubeconfig /home/ada/.cache/x pid 4242, port 2380',
    );
    expect(out).toBe(
      'https://127.0.0.1:«api-port» http://127.0.0.1:«vault-port» 127.0.0.1:«port-1» localhost:«port-1» «repo»/.lab/kubeconfig «home»/.cache/x pid «pid», port «port-2»',
    );
  });

  it('replaces a time right after an ANSI colour code, as util.inspect colours it', () => {
    const n = new Normalizer();
    expect(n.text('creationTimestamp: \x1b[35m2026-12-02T06:00:01.000Z\x1b[39m')).toBe(
      'creationTimestamp: \x1b[35m«time»\x1b[39m',
    );
    expect(n.text('last used \x1b[32m2026-12-02\x1b[39m')).toBe('last used \x1b[32m«date»\x1b[39m');
  });

  it("replaces a kind node's address on Docker's network, and leaves loopback to the port rules", () => {
    const n = new Normalizer(KNOWN);
    expect(n.text('jwks_uri https://172.18.0.3:6443/openid/v1/jwks')).toBe(
      'jwks_uri https://«node-address»:6443/openid/v1/jwks',
    );
    expect(n.text('https://127.0.0.1:6443')).toBe('https://127.0.0.1:«port-1»');
  });

  it('replaces every kind of time and duration, keeping the words around them', () => {
    const n = new Normalizer();
    const text = [
      'exp  2025-11-29T18:05:01.000Z (expires in 59m)',
      'iat  2025-11-29T17:05:01.000Z (3m ago)',
      'nbf  2025-11-29T17:05:01.000Z (expired 2h 5m ago)',
      "kubernetes method's first refusal  (9.8s after the delete)",
      'date: Sat, 29 Nov 2025 17:05:01 GMT',
      'time=2025-11-29 17:05:01.123 +0000 UTC m=+1.5',
      '{"iat": 1764435901, "exp": 1764439501, "ttl": 3599, "token_ttl": 3600}',
      ' ✓ Starting Vault (1.2s)',
      'cut «cell» 2025-11-29T1…',
    ].join('\n');
    expect(n.text(text)).toBe(
      [
        'exp  «time» (expires in «duration»)',
        'iat  «time» («duration» ago)',
        'nbf  «time» (expired «duration» ago)',
        "kubernetes method's first refusal  («duration» after the delete)",
        'date: «time»',
        'time=«time»',
        '{"iat": «time», "exp": «time», "ttl": «duration», "token_ttl": 3600}',
        ' ✓ Starting Vault («duration»)',
        'cut «cell» «time»…',
      ].join('\n'),
    );
  });

  it('finds keyed values in JSON, YAML, text tables, ANSI colour and the notebook HTML', () => {
    const n = new Normalizer();
    expect(n.text('"resourceVersion": "99"')).toBe('"resourceVersion": "«resourceVersion»"');
    expect(n.text('resourceVersion  99')).toBe('resourceVersion  «resourceVersion»');
    expect(n.text('\x1b[36m"resourceVersion"\x1b[39m: \x1b[32m"99"\x1b[39m')).toBe(
      '\x1b[36m"resourceVersion"\x1b[39m: \x1b[32m"«resourceVersion»"\x1b[39m',
    );
    expect(
      n.text(
        '<span style="color:#0550ae">&#34;resourceVersion&#34;</span>: <span style="color:#116329">&#34;99&#34;</span>',
      ),
    ).toBe(
      '<span style="color:#0550ae">&#34;resourceVersion&#34;</span>: <span style="color:#116329">&#34;«resourceVersion»&#34;</span>',
    );
    expect(n.text('<td style="x">resourceVersion</td><td style="y">99</td>')).toBe(
      '<td style="x">resourceVersion</td><td style="y">«resourceVersion»</td>',
    );
    expect(n.text('"kid": "Qm9ndXNLZXlJZEZvclRlc3Rz"')).toBe('"kid": "«kid»"');
    expect(n.text("kid in app's token  Qm9ndXNLZXlJZEZvclRlc3Rz")).toBe("kid in app's token  «kid»");
    expect(n.text('"lease_id": "auth/kubernetes/login/h0a1b2c3d"')).toBe('"lease_id": "«lease-id»"');
    expect(n.text('"mount_accessor": "auth_kubernetes_0a1b2c3d" auth_kubernetes_0a1b2c3d')).toBe(
      '"mount_accessor": "«accessor-1»" «accessor-1»',
    );
  });

  it('does not touch what is stable, or words that only contain a key', () => {
    const n = new Normalizer(KNOWN);
    const stable =
      'expires: 3600\nexpirationSeconds: 600\nkubernetes.io/bootstrapping: rbac-defaults\nv1.36.3 port-forward 10.0.0.1:443 https://kubernetes.default.svc';
    expect(n.text(stable)).toBe(stable);
  });

  it('keeps redaction marks but drops the byte counts that move between runs', () => {
    expect(new Normalizer().text('ca: «certificate: 1109 bytes, redacted»')).toBe('ca: «certificate, redacted»');
  });

  it('re-aligns text tables, whose values change width between runs, and keeps keys as context', () => {
    const table = (pid: string, rv: string) =>
      [
        'Processes',
        toTable([{ name: 'etcd', pid: `pid ${pid}`, detail: 'port 2379' }]).text,
        '',
        toTable([['resourceVersion', rv]]).text,
      ].join('\n');
    const a = new Normalizer().block(table('7', '8'));
    const b = new Normalizer().block(table('123456', '123456789'));
    expect(a).toBe(b);
    expect(a).toBe(
      [
        'Processes',
        'name  pid        detail',
        '----  ---------  -------------',
        'etcd  pid «pid»  port «port-1»',
        '',
        'KEY              VALUE',
        '---------------  -----------------',
        'resourceVersion  «resourceVersion»',
      ].join('\n'),
    );
  });

  it('leaves dashes that are no table alone (a YAML document separator, a rule)', () => {
    const text = 'a: 1\n---\nb: 2\ntitle\n-----  ---\nc: 3';
    expect(new Normalizer().block(text)).toBe(text);
  });

  it('replaces a date alone, and the kubelet volume name suffix', () => {
    const n = new Normalizer();
    expect(n.text('kubernetes.io/legacy-token-last-used  2026-11-29')).toBe(
      'kubernetes.io/legacy-token-last-used  «date»',
    );
    expect(n.text('- name: kube-api-access-j8hkt\n  name: kube-api-access-j8hkt')).toBe(
      '- name: kube-api-access-«name-1»\n  name: kube-api-access-«name-1»',
    );
  });

  it('replaces the random suffix of names made from generateName', () => {
    const n = new Normalizer();
    n.learnFrom('{"generateName": "reviewer-token-", "name": "reviewer-token-x7k2p"}');
    expect(n.text('secret/reviewer-token-x7k2p and reviewer-token-b9m4q, not reviewer-token-abcdef')).toBe(
      'secret/reviewer-token-«name-1» and reviewer-token-«name-2», not reviewer-token-abcdef',
    );
  });

  it('is deterministic: the same input always gives the same output', () => {
    const input = `${UID_A} 127.0.0.1:5555 ${UID_B} 127.0.0.1:6666 ${UID_A}`;
    expect(new Normalizer().text(input)).toBe(new Normalizer().text(input));
  });
});

describe('normalizeNotebook', () => {
  const executed = (uid: string, version: string): Notebook => ({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'tslab' }, language_info: { name: 'typescript', version } },
    cells: [
      { cell_type: 'markdown', source: '# Title', metadata: {}, id: 'f00d' } as Notebook['cells'][number],
      {
        cell_type: 'code',
        source: 'show.yaml(role)',
        execution_count: 1,
        metadata: { execution: { 'iopub.execute_input': '2025-11-29T17:05:01Z' } },
        outputs: [
          { output_type: 'stream', name: 'stdout', text: 'uid ' },
          { output_type: 'stream', name: 'stdout', text: [`${uid}\n`] },
          {
            output_type: 'display_data',
            data: { 'text/html': `<td>uid</td><td>${uid}</td>`, 'text/plain': `uid  ${uid}` },
          },
        ],
      },
    ],
  });
  const source: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: 'markdown', source: '# Title', id: 'c00' } as Notebook['cells'][number],
      { cell_type: 'code', source: '', id: 'c01' } as Notebook['cells'][number],
    ],
  };

  it('gives two runs the same notebook: outputs, ids, timing and kernel metadata', () => {
    const a = normalizeNotebook(executed(UID_A, '5.0.4'), source, new Normalizer());
    const b = normalizeNotebook(executed(UID_B, '5.9.9'), source, new Normalizer());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.cells.map((c) => (c as { id?: string }).id)).toEqual(['c00', 'c01']);
    expect(a.cells[1]?.metadata).toEqual({});
    expect((a.metadata.language_info as { version: string }).version).toBe('«version»');
    expect(a.cells[1]?.outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'uid «uid-1»\n' },
      {
        output_type: 'display_data',
        data: { 'text/html': '<td>uid</td><td>«uid-1»</td>', 'text/plain': 'uid  «uid-1»' },
      },
    ]);
  });

  it('leaves cell sources exactly as written', () => {
    const nb = executed(UID_A, '5.0.4');
    nb.cells[1]!.source = `const uid = '${UID_A}';`;
    expect(normalizeNotebook(nb, source, new Normalizer()).cells[1]?.source).toBe(`const uid = '${UID_A}';`);
  });
});

describe('coalesceStreams', () => {
  it('joins consecutive output of the same stream only', () => {
    expect(
      coalesceStreams([
        { output_type: 'stream', name: 'stdout', text: 'a' },
        { output_type: 'stream', name: 'stdout', text: ['b', 'c'] },
        { output_type: 'stream', name: 'stderr', text: 'd' },
        { output_type: 'stream', name: 'stdout', text: 'e' },
      ]),
    ).toEqual([
      { output_type: 'stream', name: 'stdout', text: 'abc' },
      { output_type: 'stream', name: 'stderr', text: 'd' },
      { output_type: 'stream', name: 'stdout', text: 'e' },
    ]);
  });
});
