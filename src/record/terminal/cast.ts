// An asciinema v2 recording (https://docs.asciinema.org/manual/asciicast/v2/) of a terminal session,
// built from what was run rather than captured live: timing comes from the text (a steady typing speed,
// fixed pauses), so the same session always gives the same file, and `asciinema play` replays it.

/** One thing that happens on screen: comment lines, then a command typed at the prompt, then its output. */
export interface CastScene {
  /** Printed as dim `# ...` lines before the prompt. */
  comments?: readonly string[];
  /** Typed at the prompt character by character; `\n` continues the command on a `> ` line. */
  command?: string;
  /** Printed at once when the command "finishes". */
  output?: string;
}

export interface CastOptions {
  title?: string;
  width?: number;
  height?: number;
  /** Milliseconds per typed character (long commands type faster, so none takes more than 3s). */
  typingMs?: number;
}

const PROMPT = '\x1b[1;32m$\x1b[0m ';
const CONTINUATION = '\x1b[1;32m>\x1b[0m ';
const DIM = (text: string) => `\x1b[2m${text}\x1b[0m`;
const MAX_TYPING_MS = 3000;

/** Wraps a comment at the terminal's width, on word boundaries. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The .cast file: a JSON header line, then one [seconds, "o", text] event per line. Pure and deterministic. */
export function toCast(scenes: readonly CastScene[], options: CastOptions = {}): string {
  const width = options.width ?? 120;
  const height = options.height ?? 36;
  const header = {
    version: 2,
    width,
    height,
    ...(options.title ? { title: options.title } : {}),
    env: { SHELL: '/bin/bash', TERM: 'xterm-256color' },
  };
  const events: string[] = [];
  // Integer milliseconds, so no floating-point drift: the same scenes always give the same times.
  let ms = 0;
  const emit = (text: string, after = 0) => {
    events.push(JSON.stringify([ms / 1000, 'o', text]));
    ms += after;
  };

  ms = 300;
  for (const scene of scenes) {
    for (const comment of scene.comments ?? []) {
      for (const line of wrap(comment, width - 2)) emit(`${DIM(`# ${line}`)}\r\n`, 120);
    }
    if (scene.comments?.length) ms += 500;
    if (scene.command !== undefined) {
      emit(PROMPT, 400);
      const chars = [...scene.command];
      const perChar = Math.max(
        4,
        Math.min(options.typingMs ?? 35, Math.floor(MAX_TYPING_MS / Math.max(1, chars.length))),
      );
      for (const ch of chars) {
        if (ch === '\n') emit(`\r\n${CONTINUATION}`, perChar * 4);
        else emit(ch, perChar);
      }
      emit('\r\n', 350);
    }
    const output = (scene.output ?? '').replace(/\r\n/g, '\n').replace(/\n+$/, '');
    if (output) {
      for (const line of output.split('\n')) emit(`${line}\r\n`, 15);
      ms += 900;
    } else {
      ms += 400;
    }
  }
  emit(PROMPT, 0);
  return `${[JSON.stringify(header), ...events].join('\n')}\n`;
}
