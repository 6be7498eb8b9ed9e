import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../src/errors.js';
import { execOutcome, podWaitingReason, tokenReaderPod } from '../../src/kube/pods.js';

const sa = { namespace: 'lab-tokens', name: 'app' };

describe('tokenReaderPod', () => {
  it('runs one sleeping container as the service account', () => {
    const pod = tokenReaderPod(sa, 'token-reader', 'busybox:test');
    expect(pod.metadata).toMatchObject({ name: 'token-reader', namespace: 'lab-tokens' });
    expect(pod.spec?.serviceAccountName).toBe('app');
    expect(pod.spec?.containers).toEqual([
      {
        name: 'reader',
        image: 'busybox:test',
        imagePullPolicy: 'IfNotPresent',
        command: ['sleep', '86400'],
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      },
    ]);
  });

  it("asks for nothing Pod Security's restricted level refuses: non-root, no escalation, no capabilities, RuntimeDefault seccomp", () => {
    const pod = tokenReaderPod(sa, 'token-reader');
    expect(pod.spec?.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65534,
      runAsGroup: 65534,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.spec?.volumes).toBeUndefined();
  });
});

describe('execOutcome', () => {
  it('returns stdout on Success', () => {
    expect(execOutcome(['cat', 'f'], { status: 'Success' }, 'text', '')).toBe('text');
  });

  it('names the command and its exit code on failure, with stderr', () => {
    const status = {
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '1' }] },
    };
    const error = (() => {
      try {
        execOutcome(['cat', '/nope'], status, '', 'cat: /nope: No such file or directory\n');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).problem).toBe('kubectl exec -- cat /nope exited with code 1.');
    expect((error as LabError).details).toBe('Command output:\ncat: /nope: No such file or directory');
  });

  it('refuses a stream that closed without a status', () => {
    expect(() => execOutcome(['cat', 'f'], undefined, '', '')).toThrow('ended without an exit status');
  });
});

describe('podWaitingReason', () => {
  it('prefers the container waiting reason, then the scheduling condition, then the phase', () => {
    const waiting: V1Pod = {
      status: {
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'reader',
            image: 'i',
            imageID: '',
            ready: false,
            restartCount: 0,
            state: { waiting: { reason: 'ErrImagePull', message: 'not found' } },
          },
        ],
      },
    };
    expect(podWaitingReason(waiting)).toBe('ErrImagePull: not found');
    const unscheduled: V1Pod = {
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] },
    };
    expect(podWaitingReason(unscheduled)).toBe('Unschedulable');
    expect(podWaitingReason({ status: { phase: 'Pending' } })).toBe('Pending');
  });
});
