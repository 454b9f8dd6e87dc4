/**
 * The substances the consequence models know: the entries of the one substance table
 * (src/data/substances.ts) that carry physical properties, as the models read them.
 */
import { SUBSTANCES, type SubstancePhysics } from '../../data/substances.ts';

export interface HazardSubstance extends SubstancePhysics {
  id: string;
  name_zh: string;
}

export const HAZARD_SUBSTANCES: readonly HazardSubstance[] = SUBSTANCES.flatMap((s) => (s.physics ? [{ id: s.id, name_zh: s.name_zh, ...s.physics }] : []));

const BY_ID = new Map(HAZARD_SUBSTANCES.map((s) => [s.id, s]));
export const hazardSubstance = (id: string): HazardSubstance | undefined => BY_ID.get(id);
