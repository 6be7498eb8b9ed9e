// Finds processes whose command line carries a marker (a state directory's path, say), to prove that a
// failed `up` left nothing running. pgrep exits 0 with matches, 1 with none, and 2 or 3 when it could not
// look (an option it did not understand): anything but 0 or 1 throws, so the check can never pass by accident.
import { execa } from 'execa';

/** Pids of the processes whose full command line contains `marker` (a regular expression, as pgrep reads it). */
export async function processesMatching(marker: string): Promise<number[]> {
  // `--` ends pgrep's options, so a marker such as `--data-dir=...` is read as the pattern.
  const res = await execa('pgrep', ['-f', '--', marker], { reject: false });
  if (res.exitCode === 1) return [];
  if (res.exitCode !== 0) throw new Error(`pgrep -f -- ${marker} exited ${res.exitCode}: ${res.stderr}`);
  return res.stdout.split('\n').filter(Boolean).map(Number);
}
