// Normalizes an executed notebook for the recording: every output through the Normalizer (normalizer.ts),
// cell ids and metadata made stable, so two recordings of the same lab are byte-identical.
import { joinText, type Notebook, type NotebookCell, type NotebookOutput } from '../../jupyter/notebooks.js';
import type { Normalizer } from '../placeholders.js';
import { mapOutputText } from './outputs.js';

/**
 * Jupyter may split one print into several stream outputs depending on timing; one output per run of the same stream.
 */
export function coalesceStreams(outputs: readonly NotebookOutput[]): NotebookOutput[] {
  const out: NotebookOutput[] = [];
  for (const o of outputs) {
    const last = out.at(-1);
    if (o.output_type === 'stream' && last?.output_type === 'stream' && last.name === o.name) {
      out[out.length - 1] = { ...last, text: joinText(last.text) + joinText(o.text) };
    } else {
      out.push(o.output_type === 'stream' ? { ...o, text: joinText(o.text) } : o);
    }
  }
  return out;
}

/** Stream text and text/plain keep their tables aligned (Normalizer.block); the rest is free text. */
function normalizeOutput(o: NotebookOutput, n: Normalizer): NotebookOutput {
  return mapOutputText(o, (text, field) =>
    field === 'stream' || field === 'text/plain' ? n.block(text) : n.text(text),
  );
}

/**
 * Normalizes an executed notebook: outputs through the Normalizer, cell ids taken from the source
 * notebook (nbformat invents random ones when a cell has none), timing metadata dropped, and the
 * kernel's language version replaced. The source of each cell is left exactly as written.
 */
export function normalizeNotebook(executed: Notebook, source: Notebook | undefined, n: Normalizer): Notebook {
  for (const cell of executed.cells) for (const o of cell.outputs ?? []) n.learnFrom(JSON.stringify(o));
  const cells = executed.cells.map((cell, index): NotebookCell & { id?: string } => {
    const { execution: _timing, ...metadata } = (cell.metadata ?? {}) as Record<string, unknown>;
    const sourceId = (source?.cells[index] as { id?: string } | undefined)?.id;
    const copy: NotebookCell & { id?: string } = { ...cell, metadata, id: sourceId ?? `cell-${index}` };
    if (cell.cell_type === 'code') copy.outputs = coalesceStreams(cell.outputs ?? []).map((o) => normalizeOutput(o, n));
    return copy;
  });
  const metadata = structuredClone(executed.metadata) as Record<string, unknown>;
  const info = metadata.language_info as Record<string, unknown> | undefined;
  if (info && 'version' in info) info.version = '«version»';
  for (const key of ['papermill', 'widgets', 'execution']) delete metadata[key];
  return { ...executed, metadata, cells };
}
