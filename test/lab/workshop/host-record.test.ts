import { describe, expect, it } from 'vitest';
import {
  emptyRecord,
  ownerOf,
  parseRecord,
  recorded,
  remember,
  squatted,
} from '../../../src/lab/workshop/host-record.js';

describe("the host's record", () => {
  it('reads back what it wrote, and refuses anything else, naming the ConfigMap', () => {
    const record = emptyRecord(4);
    remember(record, { kind: 'Namespace', name: 'ws-01-workshop', uid: 'u-1', learner: 'ws-01' });
    expect(parseRecord(JSON.stringify(record))).toEqual(record);
    for (const bad of [undefined, '', 'not json', '{"version":2}', '{"version":1,"learners":[]}']) {
      expect(() => parseRecord(bad)).toThrow(
        /^configmap auth-delegator-lab-workshop\/record does not hold a workshop record this lab can read\.\nFix: /,
      );
    }
  });

  it('keeps one entry per kind and name: a re-made object replaces its old UID', () => {
    const record = emptyRecord(4);
    remember(record, { kind: 'ClusterRole', name: 'r', uid: 'old', learner: '' });
    remember(record, { kind: 'ClusterRoleBinding', name: 'r', uid: 'b', learner: '' });
    remember(record, { kind: 'ClusterRole', name: 'r', uid: 'new', learner: '' });
    expect(recorded(record, 'ClusterRole', 'r')?.uid).toBe('new');
    expect(record.objects).toHaveLength(2);
  });

  it('names who made an object it will not take over: when, by which client, with which labels', () => {
    const meta = {
      creationTimestamp: new Date('2026-12-01T08:00:00Z'),
      managedFields: [{ manager: 'kubectl-create' }, { manager: 'kubectl-create' }],
      labels: { team: 'payments' },
    };
    expect(ownerOf(meta)).toBe('created 2026-12-01T08:00:00.000Z by kubectl-create, labels: team=payments');
    expect(ownerOf(undefined)).toBe('created at an unknown time, labels: none');
    expect(squatted('ClusterRole ws-01-x', meta, 'delete it').message).toBe(
      "ClusterRole ws-01-x already exists (created 2026-12-01T08:00:00.000Z by kubectl-create, labels: team=payments), and this workshop's record does not hold it, so prepare will not take it over.\nFix: delete it",
    );
  });
});
