import { describe, expect, it } from 'vitest';
import { LabError } from '../../src/errors.js';
import { USAGE, parseBackend, parseCommandLine, parsePort } from '../../src/cli/args.js';

describe('parseBackend', () => {
  it('accepts the two backends and no flag', () => {
    expect(parseBackend('kind')).toBe('kind');
    expect(parseBackend('local')).toBe('local');
    expect(parseBackend(undefined)).toBeUndefined();
  });

  it('refuses anything else with the fix', () => {
    expect(() => parseBackend('minikube')).toThrow(
      'Unknown backend "minikube".\nFix: use --backend kind (needs Docker and kind), --backend local (runs the servers as local processes) or --backend existing',
    );
  });
});

describe('parsePort', () => {
  it('accepts a port from 1024 to 65535 and refuses anything else with the fix', () => {
    expect(parsePort('--api-port', '6443')).toBe(6443);
    expect(parsePort('--api-port', undefined)).toBeUndefined();
    expect(() => parsePort('--api-port', '80')).toThrow(
      '--api-port must be a port number from 1024 to 65535, not "80".',
    );
  });
});

describe('parseCommandLine', () => {
  it('reads the command and its flags', () => {
    const { values, positionals } = parseCommandLine(['up', '--backend', 'local', '--only', '01', '--only', '02']);
    expect(positionals).toEqual(['up']);
    expect(values).toMatchObject({ backend: 'local', only: ['01', '02'] });
  });

  it('turns an unknown flag into a LabError that names it and carries the usage text', () => {
    const error = (() => {
      try {
        parseCommandLine(['up', '--bakend', 'local']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).problem).toBe(`Unknown option '--bakend'.`);
    expect((error as LabError).details).toBe(USAGE);
    expect((error as LabError).fix).toBe('run `npm run lab -- help` and check the flag against the options above');
  });

  it('turns a flag without its value into a LabError too', () => {
    expect(() => parseCommandLine(['up', '--backend'])).toThrow(LabError);
  });
});
