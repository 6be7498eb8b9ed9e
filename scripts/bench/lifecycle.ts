// `lab up` (warm), `down`, `status` and `help`, run as a learner types them: `npm run lab -- COMMAND`.
import { run } from '../../src/exec.js';
import { repoRoot } from '../../src/paths.js';
import { bareStart } from './floor.js';
import type { Row } from './report.js';
import { summarize, timed, type Stats } from './stats.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs `npm run lab -- ARGS` to completion and returns its wall time; a failing command fails the bench. */
/** The goal for a warm `up`: within 1.2 times the bare servers' own start, and never more than 5 s. */
export function upGoal(floorMedianMs: number): { max: number; text: string } {
  return { max: Math.min(5000, 1.2 * floorMedianMs), text: '≤ 1.2× floor, ≤ 5 s' };
}

export async function labCommand(args: string[], okExit = [0]): Promise<number> {
  const { ms } = await timed(async () => {
    try {
      await run(npm, ['run', '-s', 'lab', '--', ...args], { cwd: repoRoot, env: { FORCE_COLOR: '0' } });
    } catch (error) {
      const code = (error as { exitCode?: number }).exitCode;
      if (code === undefined || !okExit.includes(code)) throw error;
    }
  });
  return ms;
}

/** npm starting a script that does nothing (`npm run env`): what every `npm run lab -- …` pays before the lab runs. */
async function npmFloor(runs: number): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++)
    samples.push((await timed(() => run(npm, ['run', '-s', 'env'], { cwd: repoRoot }))).ms);
  return summarize(samples);
}

export async function lifecycleRows(runs: number, up: string[], log: (line: string) => void): Promise<Row[]> {
  await labCommand(['down']);
  log('floor: bare etcd + kube-apiserver + vault -dev');
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) floor.push(await bareStart());
  const ups: number[] = [];
  const downs: number[] = [];
  const statuses: number[] = [];
  const stopped: number[] = [];
  for (let i = 0; i < runs; i++) {
    log(`lab up/status/down, run ${i + 1} of ${runs}`);
    stopped.push(await labCommand(['status'], [1]));
    ups.push(await labCommand(up));
    for (let j = 0; j < 3; j++) statuses.push(await labCommand(['status']));
    downs.push(await labCommand(['down']));
  }
  const helps: number[] = [];
  for (let i = 0; i < runs; i++) helps.push(await labCommand(['help']));
  const npmRun = { name: 'npm run env', value: await npmFloor(runs) };
  const readGoal = { max: 500, text: '≤ 0.5 s' };
  return [
    {
      group: 'lab',
      name: `${up.join(' ')} (warm, binaries cached)`,
      unit: 'ms',
      value: summarize(ups),
      floor: { name: 'bare etcd+apiserver /readyz ∥ vault -dev', value: summarize(floor) },
      goal: upGoal(summarize(floor).median),
    },
    { group: 'lab', name: 'down', unit: 'ms', value: summarize(downs), floor: npmRun },
    { group: 'lab', name: 'status (lab up)', unit: 'ms', value: summarize(statuses), floor: npmRun, goal: readGoal },
    { group: 'lab', name: 'status (lab down)', unit: 'ms', value: summarize(stopped), floor: npmRun, goal: readGoal },
    { group: 'lab', name: 'help', unit: 'ms', value: summarize(helps), floor: npmRun, goal: readGoal },
  ];
}
