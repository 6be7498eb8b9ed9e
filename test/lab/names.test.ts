import { describe, expect, it } from 'vitest';
import { LabError } from '../../src/errors.js';
import { checkPrefix, labName, MAX_PREFIX_LENGTH } from '../../src/lab/names.js';

describe('labName', () => {
  it('leaves names alone when there is no prefix', () => {
    expect(labName('', 'lab-review')).toBe('lab-review');
  });

  it('puts the prefix and a dash in front', () => {
    expect(labName('ada', 'lab-review-app-auth-delegator')).toBe('ada-lab-review-app-auth-delegator');
  });
});

describe('checkPrefix', () => {
  it.each(['Ada', '-ada', 'ada-', 'a_b', 'a.b', 'x'.repeat(MAX_PREFIX_LENGTH + 1)])(
    'refuses %j, naming the rule',
    (prefix) => {
      expect(() => checkPrefix(prefix)).toThrow(LabError);
      expect(() => checkPrefix(prefix)).toThrow(/DNS label/);
    },
  );

  it.each(['', 'a', 'learner-07', 'x'.repeat(MAX_PREFIX_LENGTH)])('accepts %j', (prefix) => {
    expect(checkPrefix(prefix)).toBe(prefix);
  });
});
