// `doctor`: every check runs, a check that throws is reported rather than crashing, and the exit status tells.
import { color } from '../output/color.js';
import { backendChecks } from '../backends/registry.js';
import type { Logger } from '../output/steps.js';
import type { Check, CheckResult } from '../check.js';
import { binaryCheck } from '../binaries/binary-check.js';
import { goCheck } from './checks/go.js';
import { nodeCheck } from './checks/node.js';
import { portsCheck } from './checks/free-ports.js';
import { jupyterCheck, pythonCheck } from './checks/python.js';
import { curlCheck } from './checks/terminal-tools.js';
import { tslabCheck } from './checks/tslab.js';

/** What every backend needs; each backend adds its own (backends/backend.ts, `checks`). */
export const CHECKS: Check[] = [
  nodeCheck,
  goCheck,
  binaryCheck('vault'),
  binaryCheck('kubectl'),
  portsCheck,
  pythonCheck,
  jupyterCheck,
  tslabCheck,
  curlCheck,
];

export async function runChecks(
  checks: readonly Check[] = CHECKS,
): Promise<Array<{ check: Check; result: CheckResult }>> {
  return Promise.all(
    checks.map(async (check) => {
      try {
        return { check, result: await check.run() };
      } catch (error) {
        return {
          check,
          result: {
            ok: false,
            found: `the check itself failed: ${error instanceof Error ? error.message : String(error)}`,
          },
        };
      }
    }),
  );
}

/**
 * Prints ✓/✗ per check (what every backend needs, then each backend's own), the count, then the advice; true
 * when no required check failed.
 */
export async function runDoctor(
  log: Logger,
  checks: readonly Check[] = [...CHECKS, ...backendChecks()],
): Promise<boolean> {
  const results = await runChecks(checks);
  for (const { check, result } of results) {
    const mark = result.ok ? color.green('✓') : result.optional ? color.yellow('!') : color.red('✗');
    log.info(` ${mark} ${check.description}: ${result.found}`);
  }
  const failed = results.filter((r) => !r.result.ok && !r.result.optional);
  const passed = results.filter((r) => r.result.ok).length;
  log.info(`\n${passed}/${results.length} checks passed${failed.length ? `, ${failed.length} failed` : ''}.`);
  const advice = results.filter((r) => !r.result.ok && r.result.advice);
  if (advice.length) {
    log.info('\nAdvice:');
    for (const { check, result } of advice) log.info(` - ${check.description}: ${result.advice}`);
  }
  return failed.length === 0;
}
