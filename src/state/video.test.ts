import { beforeEach, describe, expect, it } from 'vitest';
import { feature, localPark, tank } from '../geo/__test__/localPark.ts';
import type { LiveEvent } from '../protocol/events.ts';
import { camerasFor, linkEvents, MAX_PANELS, placeOfEvent, useVideo } from './video.ts';

// cameras 12 m up looking east over open ground (tilt −45°, vertical field 90°: from their foot to 100 m)
const camera = (id: string, at: [number, number], heading_deg = 90) =>
  feature(
    'sensor',
    id,
    { point: at },
    { type: 'video', unit: 'state', height_m: 12, camera: { heading_deg, tilt_deg: -45, vfov_deg: 90, fov_deg: 60, range_m: 100 } },
  );
const model = localPark([
  camera('CAM-FAR', [-90, 0]),
  camera('CAM-NEAR', [-30, 0]),
  camera('CAM-AWAY', [-10, -2], 270),
  camera('CAM-HIDDEN', [-40, 60], 135),
  feature('building', 'B', { rect: [-25, 25, -15, 45] }, { height_m: 30, use: 'office', design_occupancy: 10 }),
  tank('T', 10, 0, { diameter_m: 10, height_m: 15 }),
  feature('sensor', 'GD', { point: [4, 0] }, { type: 'combustible_gas', unit: '%LEL', height_m: 0.5, watches: 'T', thresholds: { H: 20 } }),
]);
let id = 0;
const ev = (type: string, subject: string, detail: Record<string, unknown> = {}): LiveEvent =>
  ({ id: ++id, t: Date.now(), type, subject, place: null, detail }) as LiveEvent;

beforeEach(() => useVideo.setState({ panels: [] }));

describe('the linkage (视频联动)', () => {
  it('an alarm opens the cameras that see its detector, nearest first; one facing away or behind a building does not', () => {
    const p = placeOfEvent(model, ev('alarm.unacknowledged', 'GD'));
    expect(p).toMatchObject({ z_m: 0.5, ignore: 'T' });
    expect(camerasFor(model, p!)).toEqual(['CAM-NEAR', 'CAM-FAR']);
    linkEvents(model, [ev('alarm.unacknowledged', 'GD')]);
    expect(useVideo.getState().panels.map((x) => [x.camera, x.reason, x.about])).toEqual([
      ['CAM-NEAR', 'alarm.unacknowledged', 'GD'],
      ['CAM-FAR', 'alarm.unacknowledged', 'GD'],
    ]);
  });
  it('a breach opens the cameras that see where it happened; a passage or an acknowledgement opens none', () => {
    const [lon, lat] = model.frame.toLngLat([-60, 5]);
    expect(camerasFor(model, placeOfEvent(model, ev('fence.breach', 'P-1', { lon, lat }))!)).toEqual(['CAM-FAR', 'CAM-AWAY']);
    expect(placeOfEvent(model, ev('gate.pass', 'P-1', { lon, lat }))).toBeNull();
    expect(placeOfEvent(model, ev('alarm.acknowledged', 'GD'))).toBeNull();
  });
  it('an analytics event opens its own camera first, even one that does not see the place it reports', () => {
    const [lon, lat] = model.frame.toLngLat([0, 0]);
    expect(camerasFor(model, placeOfEvent(model, ev('video.intrusion', 'CAM-HIDDEN', { lon, lat }))!)).toEqual(['CAM-HIDDEN', 'CAM-NEAR', 'CAM-FAR']);
  });
});

describe('the video wall', () => {
  it('keeps pinned panels and gives the oldest unpinned ones up to a new linkage', () => {
    const v = useVideo.getState();
    v.open(['A', 'B'], 'selected');
    useVideo.getState().togglePin('A');
    useVideo.getState().open(['C', 'D'], 'fence.breach');
    useVideo.getState().open(['E'], 'alarm.unacknowledged');
    const cams = useVideo.getState().panels.map((p) => p.camera);
    expect(cams).toHaveLength(MAX_PANELS);
    expect(cams).toEqual(['A', 'C', 'D', 'E']); // B, the oldest unpinned, gave way
    useVideo.getState().closeAll();
    expect(useVideo.getState().panels.map((p) => [p.camera, p.pinned])).toEqual([['A', true]]);
  });
  it('a linkage on a wall of pinned panels still shows its nearest camera', () => {
    useVideo.getState().open(['A', 'B', 'C', 'D'], 'selected');
    for (const c of ['A', 'B', 'C', 'D']) useVideo.getState().togglePin(c);
    useVideo.getState().open(['X', 'Y'], 'alarm.unacknowledged');
    expect(useVideo.getState().panels.map((p) => p.camera)).toEqual(['A', 'B', 'C', 'D', 'X']);
  });
  it('opening a camera already on the wall moves it to the new reason, once', () => {
    useVideo.getState().open(['A'], 'selected');
    useVideo.getState().open(['A', 'B'], 'video.smoke_flame', 'A');
    expect(useVideo.getState().panels.map((p) => [p.camera, p.reason])).toEqual([
      ['A', 'video.smoke_flame'],
      ['B', 'video.smoke_flame'],
    ]);
  });
});
