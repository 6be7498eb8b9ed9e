import { describe, expect, it } from 'vitest';
import { parseBackend } from '../../src/lab/up.js';

describe('parseBackend', () => {
  it('accepts the two backends and no flag', () => {
    expect(parseBackend('kind')).toBe('kind');
    expect(parseBackend('local')).toBe('local');
    expect(parseBackend(undefined)).toBeUndefined();
  });

  it('refuses anything else with the fix', () => {
    expect(() => parseBackend('minikube')).toThrow('Unknown backend "minikube".\nFix: use --backend kind (needs Docker and kind) or --backend local');
  });
});
