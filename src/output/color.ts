// The one file that imports chalk: colour is decided here, once, for the terminal and for the notebook kernel.
import { Chalk, type ChalkInstance } from 'chalk';

function detectLevel(): 0 | 1 | 2 | 3 {
  if (process.env.NO_COLOR) return 0;
  if (process.env.FORCE_COLOR !== undefined) return process.env.FORCE_COLOR === '0' ? 0 : 1;
  return process.stdout.isTTY ? 1 : 0;
}

/** Colour for terminal output: on a TTY only, so logs and CI stay free of ANSI codes. */
export let color: ChalkInstance = new Chalk({ level: detectLevel() });

/** Jupyter renders ANSI colour but the kernel has no TTY, so the notebook setup turns colour on explicitly. */
export function setColorLevel(level: 0 | 1 | 2 | 3): void {
  color = new Chalk({ level });
}
