/**
 * What the planner's Edit tab is doing on the plant view: files dropped for an import (the tab takes
 * them up), and the tool in use — placing a point feature, drawing a line or polygon by clicks (the
 * points so far, snapped), or reshaping one by dragging its vertices — while which a click on the
 * twin places rather than selects or drags.
 */
import { create } from 'zustand';
import type { DroppedFile } from '../import/files.ts';
import type { Kind } from '../model/enums.ts';

export interface EditTool {
  tool: 'place' | 'draw' | 'reshape';
  kind: Kind;
  /** The vertices drawn so far, local metres (draw). */
  points: [number, number][];
  /** The feature whose vertices are dragged (reshape). */
  id?: string;
}

export const useEditTool = create<{ current: EditTool | null }>(() => ({ current: null }));

export const useDropped = create<{ files: DroppedFile[] | null; seq: number }>(() => ({ files: null, seq: 0 }));

/** Reads the files of a drop or a file input (their bytes) and hands them to the Edit tab. */
export async function takeFiles(list: FileList | readonly File[]): Promise<void> {
  const files = await Promise.all([...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  if (files.length) useDropped.setState((s) => ({ files, seq: s.seq + 1 }));
}
