/**
 * Files dropped on the plant view for an import (the planner's Edit tab takes them up), and the
 * kind chosen for a new feature placed by a click on the twin.
 */
import { create } from 'zustand';
import type { DroppedFile } from '../import/files.ts';

export const useDropped = create<{ files: DroppedFile[] | null; seq: number }>(() => ({ files: null, seq: 0 }));

/** Reads the files of a drop or a file input (their bytes) and hands them to the Edit tab. */
export async function takeFiles(list: FileList | readonly File[]): Promise<void> {
  const files = await Promise.all([...list].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  if (files.length) useDropped.setState((s) => ({ files, seq: s.seq + 1 }));
}
