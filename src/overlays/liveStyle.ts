/**
 * How the live overlays draw states, in the ISA-101 spirit: normal is muted grey; colour only for
 * what needs attention; alarm priorities in distinct hues, unacknowledged brighter than
 * acknowledged; communication lost and out of service with their own shapes and colours — never
 * green, never the normal grey.
 */
import type { SensorState } from '../state/live.ts';

export const SENSOR_COLORS: Record<SensorState, string> = {
  normal: '#8b939b',
  unknown: '#4a5057',
  high_unack: '#ff3b30',
  high_ack: '#a3261f',
  medium_unack: '#ffb000',
  medium_ack: '#a87400',
  rtn_unack: '#6ec6ff',
  shelved: '#7986cb',
  out_of_service: '#f5f5f5',
  comm_lost: '#e040fb',
  /** A device with a wrong clock: drawn like lost communication (its readings are refused). */
  faulty: '#e040fb',
};

/** Marker colour by subject class: people, cars, goods, hazchem and emergency vehicles apart. */
export const SUBJECT_COLORS = {
  person: '#4fc3f7',
  car: '#cfd8dc',
  goods: '#a1887f',
  hazchem: '#ff9100',
  emergency: '#ff1744',
} as const;
export type SubjectClass = keyof typeof SUBJECT_COLORS;

export const subjectClass = (p: { kind: string; vehicle_class?: string }): SubjectClass =>
  p.kind === 'person'
    ? 'person'
    : p.vehicle_class === 'hazchem'
      ? 'hazchem'
      : p.vehicle_class === 'emergency'
        ? 'emergency'
        : p.vehicle_class === 'goods'
          ? 'goods'
          : 'car';

/** Which live layers the plant view draws (the command panel's switches). */
export interface LiveLayers {
  hazards: boolean;
  sensors: boolean;
  people: boolean;
  trails: boolean;
  events: boolean;
  /** The cameras' view cones. */
  cameras: boolean;
}

/** Current display state of each sensor, for tests and the info panel (written by the live overlay). */
export const sensorDisplay = { states: new Map<string, SensorState>() };
