/** What the engines report, as the events the store keeps and the clients receive. */
import type { GeofenceEvent } from '../../src/geo/live/geofence.ts';
import type { ParkModel } from '../../src/model/model.ts';
import type { NewEvent } from '../store/types.ts';
import type { AlarmTransition, SensorEvent } from './alarms.ts';

/** A geofence event, its place also in longitude and latitude. */
export const geofenceToEvent =
  (model: ParkModel) =>
  (e: GeofenceEvent): NewEvent => {
    const [lon, lat] = model.frame.toLngLat([e.x, e.y]);
    return { t_ms: e.t_ms, type: e.type, subject: e.subject, place: e.place, detail: { ...e.detail, lon, lat } };
  };

/** An alarm's transition: `alarm.<new state>`, the subject its sensor, the place the alarm. */
export const alarmToEvent = (t: AlarmTransition): NewEvent => ({
  t_ms: t.t_ms,
  type: `alarm.${t.to}`,
  subject: t.sensor,
  place: t.alarm,
  detail: {
    level: t.level,
    priority: t.priority,
    from: t.from,
    to: t.to,
    value: t.value,
    ...(t.by ? { by: t.by } : {}),
    ...(t.until_ms !== undefined ? { until_ms: t.until_ms } : {}),
  },
});

/** A sensor's communication lost or restored, or an area's alarm flood begun or ended. */
export function sensorToEvent(e: SensorEvent): NewEvent {
  if ('sensor' in e) {
    return {
      t_ms: e.t_ms,
      type: e.type === 'comm.lost' ? 'sensor.comm_lost' : 'sensor.comm_restored',
      subject: e.sensor,
      place: null,
      detail: { last_t_ms: e.last_ms },
    };
  }
  return { t_ms: e.t_ms, type: e.type === 'flood.start' ? 'alarm.flood_start' : 'alarm.flood_end', subject: e.area, place: e.area, detail: { count: e.count } };
}
