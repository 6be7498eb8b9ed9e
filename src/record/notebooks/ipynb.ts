// Writes a recorded notebook the way Jupyter itself saves one (sorted keys, one-space indent, text split
// into lines), so the committed recordings diff line by line, and makes it self-contained: pictures the
// Markdown links to travel inside the notebook as attachments, which GitHub, JupyterLab and nbconvert show.
import { joinText, type Notebook, type NotebookCell } from '../../jupyter/notebooks.js';

const IMAGE_TYPES: Record<string, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

/** Split like nbformat: multi-line strings become arrays of lines. */
function splitLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line !== '');
}

/** nbformat splits text/* and the two text-like non-text types; JSON and binary data stay whole. */
function splitBundle(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([type, value]) => {
      const textual = type.startsWith('text/') || type === 'application/javascript' || type === 'image/svg+xml';
      return [
        type,
        textual && (typeof value === 'string' || Array.isArray(value)) ? splitLines(joinText(value)) : value,
      ];
    }),
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** The notebook as JSON text in nbformat's own layout, ending with a newline. */
export function formatNotebook(nb: Notebook): string {
  const cells = nb.cells.map((cell) => {
    const copy: Record<string, unknown> = { ...cell, source: splitLines(joinText(cell.source)) };
    if (cell.outputs) {
      copy.outputs = cell.outputs.map((o) => {
        const out: Record<string, unknown> = { ...o };
        if (o.text !== undefined) out.text = splitLines(joinText(o.text));
        if (o.data) out.data = splitBundle(o.data);
        return out;
      });
    }
    const attachments = (cell as { attachments?: Record<string, Record<string, unknown>> }).attachments;
    if (attachments)
      copy.attachments = Object.fromEntries(
        Object.entries(attachments).map(([name, bundle]) => [name, splitBundle(bundle)]),
      );
    return copy;
  });
  return `${JSON.stringify(sortKeys({ ...nb, cells }), null, 1)}\n`;
}

/**
 * Turns Markdown image links to local files (![alt](images/flow.svg)) into attachments; `read` returns
 * a file's bytes relative to the notebook's folder, or undefined for a link that is not a local file.
 */
export function attachImages(nb: Notebook, read: (relativePath: string) => Buffer | undefined): Notebook {
  const cells = nb.cells.map((cell): NotebookCell => {
    if (cell.cell_type !== 'markdown') return cell;
    const attachments: Record<string, Record<string, string>> = {
      ...((cell as { attachments?: Record<string, Record<string, string>> }).attachments ?? {}),
    };
    const source = joinText(cell.source).replace(
      /(!\[[^\]]*\]\()([^)\s]+)((?:\s+"[^"]*")?\))/g,
      (whole, open: string, url: string, close: string) => {
        const ext = /\.([a-z]+)$/i.exec(url)?.[1]?.toLowerCase() ?? '';
        const type = IMAGE_TYPES[ext];
        if (!type || /^[a-z]+:/i.test(url) || url.startsWith('/')) return whole;
        const bytes = read(url);
        if (!bytes) return whole;
        const name = url.split('/').pop() ?? url;
        attachments[name] = { [type]: bytes.toString('base64') };
        return `${open}attachment:${name}${close}`;
      },
    );
    return Object.keys(attachments).length ? ({ ...cell, source, attachments } as NotebookCell) : cell;
  });
  return { ...nb, cells };
}

/** The Markdown cell a recording starts with: where it came from and how to read its «marks». */
export function recordingNote(backend: string, legendLink: string): NotebookCell & { id: string } {
  return {
    cell_type: 'markdown',
    id: 'recording-note',
    metadata: { recording: true },
    source:
      `> **Recording.** This notebook was executed by \`npm run record\` against the lab's **${backend}** backend, ` +
      'with the tslab kernel, and its outputs were saved as they came back. Values that change from run to run ' +
      '(uids, times, ports, resourceVersions…) are replaced by marked placeholders such as «uid-1» or «time»,' +
      ` and credentials by «redacted …» marks: [what each mark means](${legendLink}). ` +
      'The notebook itself, without outputs, is in [notebooks/](../notebooks/).',
  };
}

/** The title of a notebook: its first Markdown heading, without the hashes. */
export function notebookTitle(nb: Notebook, fallback: string): string {
  for (const cell of nb.cells) {
    if (cell.cell_type !== 'markdown' || (cell.metadata as { recording?: boolean } | undefined)?.recording) continue;
    const heading = /^#\s+(.+)$/m.exec(joinText(cell.source));
    if (heading?.[1]) return heading[1].replace(/`/g, '').trim();
  }
  return fallback;
}
