/**
 * The layout version the page shows, and a newer one that came into force while the planner had
 * edits not yet saved (the page then asks before it loads it: loading drops the edits).
 */
import { create } from 'zustand';

export interface LayoutVersionState {
  /** The version the page loaded (null: a server without versions). */
  version: number | null;
  /** A newer version in force, not loaded yet because of unsaved edits. */
  pending: { version: number; author: string; comment: string } | null;
  /** The page is storing its own edits as a version (its own `layout` notice is expected). */
  saving: boolean;
  /** The version this page's last save stored (its edits are in it). */
  savedVersion: number | null;
}

export const useLayoutVersion = create<LayoutVersionState>(() => ({ version: null, pending: null, saving: false, savedVersion: null }));
