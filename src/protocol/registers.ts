/**
 * The park's registers on the wire: duty check-ins of major hazard sources' responsible persons
 * (包保), start-ups, shutdowns and turnarounds of units, and contractors with their people and
 * entries. Times are epoch ms (ISO 8601 with offset accepted on input).
 */
import { z } from 'zod';
import { DUTY_ROLES } from '../geo/compliance/dutyRoster.ts';
import { TURNAROUND_KINDS } from '../geo/compliance/turnarounds.ts';
import { MAX_TIME_MS, WireId, wireText } from './ingest.ts';

const time = z
  .union([z.number().int().nonnegative().max(MAX_TIME_MS), z.iso.datetime({ offset: true })], {
    error: 'must be epoch milliseconds or an ISO 8601 date-time with offset',
  })
  .transform((t) => (typeof t === 'number' ? t : Date.parse(t)));

/** `POST /api/duties/:unit/checkins`: a responsible person's check of a major hazard source. */
export const DutyCheckinBody = z.strictObject({
  role: z.enum(DUTY_ROLES),
  note: wireText(1000),
  /** An admin recording a check made on paper: whose it was. */
  on_behalf_of: wireText(64).optional(),
});

/** `POST /api/turnarounds`: a start-up, shutdown or turnaround of a unit with its window. */
export const TurnaroundBody = z
  .strictObject({
    unit: WireId,
    kind: z.enum(TURNAROUND_KINDS),
    from: time,
    to: time,
    note: wireText(1000),
  })
  .refine((b) => b.to > b.from, { error: 'must end after it starts', path: ['to'] })
  .refine((b) => b.to - b.from <= 120 * 24 * 3600_000, { error: 'a window longer than 120 days is not a turnaround', path: ['to'] });

export const CancelBody = z.strictObject({ reason: wireText(500) });

const Qualification = z.strictObject({
  /** What it qualifies for (a special-operation certificate: 焊接与热切割作业 …). */
  kind: wireText(64),
  number: wireText(64),
  expires: time,
});
const ContractorPerson = z.strictObject({
  name: wireText(64),
  /** The positioning tag the person wears on site, when there is one. */
  tag: WireId.optional(),
  qualifications: z.array(Qualification).max(20).default([]),
});

/** `POST /api/contractors`: a contractor company and its people (registering again replaces them). */
export const ContractorBody = z.strictObject({
  id: WireId,
  name: wireText(128),
  licence: wireText(64).optional(),
  people: z.array(ContractorPerson).min(1).max(500),
});

/** `POST /api/contractors/:id/entries`: an entry filed before the work (the people, the host enterprise, the window). */
export const EntryBody = z
  .strictObject({
    enterprise: WireId,
    purpose: wireText(500),
    people: z.array(wireText(64)).min(1).max(200),
    from: time,
    to: time,
    /** The permit the work is done under, if any. */
    permit: WireId.optional(),
  })
  .refine((b) => b.to > b.from, { error: 'must end after it starts', path: ['to'] });

export type ContractorBody = z.output<typeof ContractorBody>;
export type EntryBody = z.output<typeof EntryBody>;

/** What the server answers: the engine's records (src/geo/compliance/contractors.ts). */
export type { Contractor, ContractorEntry } from '../geo/compliance/contractors.ts';

/** `POST /api/ingest/waybills`: electronic waybills of hazardous-chemical road transport (a batch; a waybill sent again replaces it). */
export const WaybillBody = z
  .strictObject({
    id: WireId,
    /** The vehicle's plate or its positioning tag. */
    vehicle: wireText(32),
    substance: wireText(64),
    un_number: z
      .string()
      .regex(/^(UN)?\d{4}$/, { error: 'must be a UN number (1017 or UN1017)' })
      .optional(),
    quantity_t: z.number().positive().max(100),
    shipper: wireText(128),
    destination: WireId,
    driver: z.strictObject({ name: wireText(64), qualification: wireText(64) }),
    escort: z.strictObject({ name: wireText(64), qualification: wireText(64) }),
    valid_from: time,
    valid_to: time,
  })
  .refine((w) => w.valid_to > w.valid_from, { error: 'must end after it starts', path: ['valid_to'] });
export const WaybillBatch = z.array(WaybillBody).min(1).max(1000);

/** A hazchem truck in the park held to its planned route (GET /api/waybills/routes). */
export interface ActiveRoute {
  /** The truck's positioning tag. */
  subject: string;
  waybill: string;
  vehicle: string;
  substance: string;
  /** The cargo by the waybill, t. */
  quantity_t: number;
  destination: string;
  /** The gate it came in by. */
  gate: string;
  length_m: number;
  /** The route, [longitude, latitude] from the gate. */
  line: [number, number][];
  off_route: boolean;
  overtime: boolean;
  notes: string[];
}
