/**
 * Live overlays of the plant view: sensors coloured by state, people and vehicles with trails,
 * the places of recent events, the filed permits at work, hazchem trucks' planned routes, tank levels, hazard tiers, an emergency's footprints and routes,
 * the cameras' views —
 * one layer a file in live/. Per-frame data (positions) goes straight from the mutable buffers of
 * src/state/live.ts into instanced meshes; React renders these components once.
 */
import type { ParkModel } from '../../model/model.ts';
import type { LiveLayers } from '../liveStyle.ts';
import { SensorStates } from './live/SensorStates.tsx';
import { Subjects } from './live/Subjects.tsx';
import { EventPlaces } from './live/EventPlaces.tsx';
import { TankLevels } from './live/TankLevels.tsx';
import { SelectedSubject } from './live/SelectedSubject.tsx';
import { EmergencyLayer, FireShapeLayer } from './live/Emergency.tsx';
import { HazardTiers } from './live/HazardTiers.tsx';
import { PermitAreas } from './live/PermitAreas.tsx';
import { HazchemRoutes } from './live/HazchemRoutes.tsx';
import { CameraViews } from './live/CameraViews.tsx';

export function LiveOverlay({ model, layers }: { model: ParkModel; layers: LiveLayers }) {
  return (
    <group name="live">
      {layers.hazards && <HazardTiers model={model} />}
      <EmergencyLayer />
      <FireShapeLayer />
      {layers.sensors && <SensorStates model={model} />}
      {layers.sensors && <TankLevels model={model} />}
      {layers.people && <Subjects model={model} trails={layers.trails} />}
      {layers.people && <SelectedSubject model={model} />}
      {layers.events && <EventPlaces model={model} />}
      {layers.events && <PermitAreas model={model} />}
      {layers.people && <HazchemRoutes model={model} />}
      {layers.cameras && <CameraViews model={model} />}
    </group>
  );
}
