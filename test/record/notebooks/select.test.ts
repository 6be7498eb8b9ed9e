import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { LabState } from '../../../src/backends/state.js';
import { LabError } from '../../../src/errors.js';
import { labDir, repoRoot } from '../../../src/paths.js';
import { knownValues, notebookPlace, ownedBy, selectNotebooks } from '../../../src/record/notebooks/select.js';

const FILES = [
  '00-start-here.ipynb',
  '01-the-clusterrole.ipynb',
  '03-tokenreview.ipynb',
  'images',
  'notes.md',
  'x-draft.ipynb',
];

describe('selectNotebooks', () => {
  it('takes every numbered notebook, in order, and the transcript', () => {
    expect(selectNotebooks([...FILES].reverse())).toEqual({
      notebooks: ['00-start-here.ipynb', '01-the-clusterrole.ipynb', '03-tokenreview.ipynb'],
      transcript: true,
    });
  });

  it('narrows to --only numbers (repeated or comma-separated) and "transcript"', () => {
    expect(selectNotebooks(FILES, ['03', '1'])).toEqual({
      notebooks: ['01-the-clusterrole.ipynb', '03-tokenreview.ipynb'],
      transcript: false,
    });
    expect(selectNotebooks(FILES, ['00,transcript'])).toEqual({ notebooks: ['00-start-here.ipynb'], transcript: true });
  });

  it('refuses a number with no notebook, naming the ones there are', () => {
    expect(() => selectNotebooks(FILES, ['07'])).toThrow(LabError);
    expect(() => selectNotebooks(FILES, ['07'])).toThrow(/use a notebook number \(00, 01, 03\) or "transcript"/);
  });
});

describe('selectNotebooks by where Vault runs', () => {
  const WITH_07 = [...FILES, '07-vault-in-the-cluster.ipynb'];

  it('records 07 only with Vault in the cluster, and the terminal path only with Vault on the host', () => {
    expect(selectNotebooks(WITH_07).notebooks).not.toContain('07-vault-in-the-cluster.ipynb');
    expect(selectNotebooks(WITH_07, [], 'in-cluster')).toEqual({
      notebooks: ['07-vault-in-the-cluster.ipynb'],
      transcript: false,
    });
  });

  it("refuses --only for the other place's notebooks, with the command that records them", () => {
    expect(() => selectNotebooks(WITH_07, ['07'])).toThrow(/--backend kind --vault in-cluster` with --only 07/);
    expect(() => selectNotebooks(WITH_07, ['01'], 'in-cluster')).toThrow(/--vault host` with --only 01/);
    expect(() => selectNotebooks(WITH_07, ['transcript'], 'in-cluster')).toThrow(LabError);
  });

  it("owns each place's files: notebooks by place, the terminal path on the host, the index in both", () => {
    expect(notebookPlace('07-vault-in-the-cluster.ipynb')).toBe('in-cluster');
    expect(ownedBy('07-vault-in-the-cluster.html', 'in-cluster')).toBe(true);
    expect(ownedBy('07-vault-in-the-cluster.html', 'host')).toBe(false);
    expect(ownedBy('03-tokenreview.ipynb', 'host')).toBe(true);
    expect(ownedBy('terminal.cast', 'in-cluster')).toBe(false);
    expect(['index.html', 'README.md'].every((f) => ownedBy(f, 'host') && ownedBy(f, 'in-cluster'))).toBe(true);
    expect(ownedBy('notes.md', 'host')).toBe(false);
  });
});

describe('knownValues', () => {
  it("names the lab's ports and this machine's paths", () => {
    const state = {
      kubeServer: 'https://127.0.0.1:41001',
      vault: { addr: 'http://127.0.0.1:41002' },
      processes: [
        { name: 'etcd', port: 41010 },
        { name: 'kube-apiserver', port: 41001 },
        { name: 'kube-controller-manager' },
      ],
    } as unknown as LabState;
    const known = knownValues(state);
    // The API server's own process keeps the name «api-port»; Vault's cluster listener is its port + 1.
    expect(known.filter((k) => k.kind === 'port')).toEqual([
      { kind: 'port', value: '41001', name: 'api-port' },
      { kind: 'port', value: '41002', name: 'vault-port' },
      { kind: 'port', value: '41003', name: 'vault-cluster-port' },
      { kind: 'port', value: '41010', name: 'etcd-port' },
    ]);
    expect(known.filter((k) => k.kind === 'path').map((k) => [k.name, k.value])).toEqual([
      ['repo', repoRoot],
      ['lab-dir', labDir()],
      ['home', homedir()],
    ]);
  });
});
