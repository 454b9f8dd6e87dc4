/**
 * What the command centre's tabs share: who may act, when a connection counts as stale, flying to
 * a feature or a place.
 */
import type { ParkModel } from '../../model/model.ts';
import { useCamera } from '../../state/camera.ts';
import { useSelection } from '../../state/selection.ts';

/** A live connection with no message for this long is shown as stale, ms. */
export const STALE_MS = 15_000;

export const canOperate = (role: string | undefined) => role === 'operator' || role === 'admin';

export function flyToFeature(model: ParkModel, id: string | null | undefined, distance_m = 250) {
  const f = id ? model.byId.get(id) : undefined;
  if (!f) return false;
  useSelection.getState().select(f.id);
  useCamera.getState().flyTo(f.anchor, distance_m);
  return true;
}

export function flyToLonLat(model: ParkModel, lon: number, lat: number, distance_m = 250) {
  const [x, y] = model.frame.toLocal([lon, lat]);
  useCamera.getState().flyTo([x, y], distance_m);
}
