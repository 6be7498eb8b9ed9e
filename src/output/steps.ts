// Steps in kind's manner: " • step ..." then " ✓ step" or " ✗ step", with elapsed time for long work.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { color } from './color.js';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Formats a duration the way a person reads it: 850ms, 4.2s, 3m05s. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, '0')}s`;
}

export class Steps implements Logger {
  private transcript?: { path: string; header?: string };

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly interactive = Boolean(process.stderr.isTTY) && !process.env.CI,
  ) {}

  /** Results go to stdout, so `npm run lab -- status > file` keeps them; progress and warnings stay on stderr. */
  info(message: string): void {
    (this.out === process.stderr ? process.stdout : this.out).write(`${message}\n`);
  }

  warn(message: string): void {
    this.out.write(`${color.yellow(' ! ')}${message}\n`);
    this.keep(` ! ${message}`);
  }

  /**
   * Also appends each finished step and warning, as plain text, to `path` under a `# TITLE <time>` header
   * (written with the first line, so a run with nothing to do leaves no trace), so a long run such as a
   * cold install can be read again later, e.g. by the bench.
   */
  keepTranscript(path: string, title: string): void {
    this.transcript = { path, header: `# ${title} ${new Date().toISOString()}` };
  }

  /** Records a step that ran before this process started (npm ci, in the bootstrap script). */
  recordStep(title: string, ms: number): void {
    this.out.write(`${color.green(' ✓')} ${title} ${color.dim(`(${formatElapsed(ms)})`)}\n`);
    this.keep(` ✓ ${title} (${formatElapsed(ms)})`);
  }

  private keep(line: string): void {
    if (!this.transcript) return;
    const { path, header } = this.transcript;
    if (header) {
      mkdirSync(dirname(path), { recursive: true });
      appendFileSync(path, `${header}\n`);
      this.transcript.header = undefined;
    }
    appendFileSync(path, `${stripVTControlCharacters(line)}\n`);
  }

  /** Runs one step, printing its start and its outcome; the spinner runs only on a terminal. */
  async step<T>(title: string, work: (update: (detail: string) => void) => Promise<T>): Promise<T> {
    const started = Date.now();
    let detail = '';
    let frame = 0;
    let timer: NodeJS.Timeout | undefined;
    if (this.interactive) {
      const draw = () => {
        const spin = SPINNER[frame++ % SPINNER.length];
        const extra = detail ? color.dim(` ${detail}`) : '';
        this.out.write(`\r\x1b[2K ${spin} ${title} ${color.dim(formatElapsed(Date.now() - started))}${extra}`);
      };
      draw();
      timer = setInterval(draw, 100);
    } else {
      this.out.write(` • ${title} ...\n`);
    }
    const update = (text: string) => {
      detail = text.length > 70 ? `${text.slice(0, 67)}...` : text;
    };
    try {
      const result = await work(update);
      this.finish(timer, `${color.green(' ✓')} ${title} ${color.dim(`(${formatElapsed(Date.now() - started)})`)}`);
      return result;
    } catch (error) {
      this.finish(timer, `${color.red(' ✗')} ${title} ${color.dim(`(${formatElapsed(Date.now() - started)})`)}`);
      throw error;
    }
  }

  private finish(timer: NodeJS.Timeout | undefined, line: string): void {
    if (timer) {
      clearInterval(timer);
      this.out.write('\r\x1b[2K');
    }
    this.out.write(`${line}\n`);
    this.keep(line);
  }
}

/** A logger that prints nothing, for tests and for the notebooks' quiet setup. */
export const silent: Logger & Pick<Steps, 'step'> = {
  info: () => undefined,
  warn: () => undefined,
  step: (_title, work) => work(() => undefined),
};
