/**
 * Test helper: builds a valid park model from features drawn in local metres around a fixed origin,
 * so geometry tests can be worked by hand in metres.
 */
import { createFrame } from '../primitives/frame.ts';
import { loadModel, type ParkModel } from '../../model/model.ts';

export const ORIGIN: [number, number] = [117.52, 38.72];
const frame = createFrame(ORIGIN);
const ll = (p: [number, number]) => frame.toLngLat(p) as unknown as number[];

export type LocalGeom = { point: [number, number] } | { line: [number, number][] } | { rect: [number, number, number, number] };
export const RESP = { principal: '王伟', technical: '李娜', operational: '张强' };

export function feature(kind: string, id: string, g: LocalGeom, props: Record<string, unknown> = {}) {
  const geometry =
    'point' in g
      ? { type: 'Point', coordinates: ll(g.point) }
      : 'line' in g
        ? { type: 'LineString', coordinates: g.line.map(ll) }
        : {
            type: 'Polygon',
            coordinates: [
              [
                [g.rect[0], g.rect[1]],
                [g.rect[2], g.rect[1]],
                [g.rect[2], g.rect[3]],
                [g.rect[0], g.rect[3]],
                [g.rect[0], g.rect[1]],
              ].map((p) => ll(p as [number, number])),
            ],
          };
  return { type: 'Feature', geometry, properties: { kind, id, ...props } };
}

export const tank = (id: string, x: number, y: number, props: Record<string, unknown>) =>
  feature(
    'tank',
    id,
    { point: [x, y] },
    { height_m: 15, roof: 'fixed', capacity_m3: 1000, substance: 'gasoline', fire_class: '甲B', inventory_t: 500, responsible: RESP, ...props },
  );

/** A 100 m × 80 m class 甲 process unit `U` at the origin holding `substance`, with more substances in `props.other_substances`. */
export const processUnit = (substance: string, inventory_t: number, props: Record<string, unknown> = {}) =>
  feature('process_unit', 'U', { rect: [0, 0, 100, 80] }, { name: 'u', height_m: 20, fire_class: '甲', substance, inventory_t, responsible: RESP, ...props });

/** A 2 km × 2 km park centred on the origin, plus the given features. */
export function localPark(features: unknown[]): ParkModel {
  const json = {
    type: 'FeatureCollection',
    parktwin: { version: 1, origin: ORIGIN },
    features: [feature('park', 'PARK', { rect: [-1000, -1000, 1000, 1000] }, { name: 'test park' }), ...features],
  };
  const r = loadModel(json);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.model;
}
