/**
 * What the live layers of the plant view share.
 */
import { useViewStats } from '../../../state/camera.ts';
import { SUBJECT_COLORS, type SubjectClass } from '../../liveStyle.ts';

export const MAX_SUBJECTS = 20_000;
export const CLASSES = Object.keys(SUBJECT_COLORS) as SubjectClass[];

/** Marker scale: at least `px` pixels on screen, never below real size (1). */
export const screenScale = (px: number) => Math.max(1, useViewStats.getState().metresPerPixel * px);
