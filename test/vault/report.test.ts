import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { logMark } from '../../src/vault/logs.js';
import { logRowsSince } from '../../src/vault/report.js';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('logRowsSince', () => {
  it('gives the lines written after the mark, without TRACE, fields joined as key=value', () => {
    dir = mkdtempSync(join(tmpdir(), 'lab-report-'));
    const log = join(dir, 'vault.log');
    writeFileSync(log, '2025-11-29T17:09:00.000Z [INFO]  core: before the mark: path=x/\n');
    const mark = logMark(log);
    appendFileSync(log, '2025-11-29T17:10:00.000Z [TRACE] core: noise: a=1\n');
    appendFileSync(
      log,
      '2025-11-29T17:10:00.100Z [DEBUG] auth.kubernetes.auth_kubernetes_1: This role does not have an audience configured. While audiences are not required, consider specifying one if your use case would benefit from additional JWT claim verification.: role_name=app\n',
    );
    expect(logRowsSince(log, mark)).toEqual([
      {
        level: 'DEBUG',
        logger: 'auth.kubernetes.auth_kubernetes_1',
        message:
          'This role does not have an audience configured. While audiences are not required, consider specifying one if your use case would benefit from additional JWT claim verification.',
        fields: 'role_name=app',
      },
    ]);
  });
});
