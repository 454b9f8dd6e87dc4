/**
 * Duty check-ins of major hazard sources' responsible persons, hand-worked on the calendar of
 * Asia/Shanghai around Friday 2026-12-04: the week runs from Monday 2026-11-30, the month from
 * 2026-12-01, the quarter from 2026-10-01; a check-in is due by the end of the period after the last
 * one's. And a zone with summer time (Europe/Berlin) keeps its weeks on local midnights.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadModel } from '../../model/model.ts';
import { type DutyCheckin, dutyRoster, periodOf, responsibleOf } from './dutyRoster.ts';
import { identifyMajorHazards } from './majorHazards.ts';

const TZ = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);
const NOW = at('2026-12-04T10:00:00+08:00');

describe('duty periods', () => {
  it('a week from Monday, a month, a quarter, in the park’s zone', () => {
    expect(periodOf(NOW, 'week', TZ)).toEqual({ start_ms: at('2026-11-30T00:00:00+08:00'), end_ms: at('2026-12-07T00:00:00+08:00') });
    expect(periodOf(NOW, 'month', TZ)).toEqual({ start_ms: at('2026-12-01T00:00:00+08:00'), end_ms: at('2027-01-01T00:00:00+08:00') });
    expect(periodOf(NOW, 'quarter', TZ)).toEqual({ start_ms: at('2026-10-01T00:00:00+08:00'), end_ms: at('2027-01-01T00:00:00+08:00') });
    // 23:30 on Sunday in Shanghai is still last week, though it is Sunday 15:30 UTC
    expect(periodOf(at('2026-12-06T23:30:00+08:00'), 'week', TZ).start_ms).toBe(at('2026-11-30T00:00:00+08:00'));
    expect(periodOf(at('2026-12-07T00:00:00+08:00'), 'week', TZ).start_ms).toBe(at('2026-12-07T00:00:00+08:00'));
  });

  it('keeps local midnights across a change to summer time (Europe/Berlin, 2027-03-28)', () => {
    expect(periodOf(at('2027-03-30T12:00:00+02:00'), 'week', 'Europe/Berlin')).toEqual({
      start_ms: at('2027-03-29T00:00:00+02:00'),
      end_ms: at('2027-04-05T00:00:00+02:00'),
    });
    expect(periodOf(at('2027-03-27T12:00:00+01:00'), 'week', 'Europe/Berlin')).toEqual({
      start_ms: at('2027-03-22T00:00:00+01:00'),
      end_ms: at('2027-03-29T00:00:00+02:00'),
    });
  });
});

describe('the duty roster of the demo park', () => {
  const loaded = loadModel(JSON.parse(readFileSync(path.join(import.meta.dirname, '../../../public/parks/demo.geojson'), 'utf8')));
  if (!loaded.ok) throw new Error('the demo park does not load');
  const model = loaded.model;
  const units = identifyMajorHazards(model);
  const lpg = units.find((u) => u.unit === 'DK-LPG-1')!;
  const ck = (role: DutyCheckin['role'], iso: string): DutyCheckin => ({ t: at(iso), unit: 'DK-LPG-1', role, by: 'x', note: '' });
  const state = (checkins: DutyCheckin[], now = NOW, since = NOW) =>
    Object.fromEntries(
      dutyRoster(model, units, checkins, now, TZ, since)
        .filter((d) => d.unit === 'DK-LPG-1')
        .map((d) => [d.role, [d.state, new Date(d.due_ms).toISOString()]]),
    );

  it('lists the three responsible persons of every major hazard source, named from its installations', () => {
    const roster = dutyRoster(model, units, [], NOW, TZ);
    expect(roster.length).toBe(units.filter((u) => u.S >= 1).length * 3);
    expect(roster.filter((d) => d.unit === 'DK-LPG-1').map((d) => d.person)).toEqual([
      responsibleOf(model, lpg, 'principal'),
      responsibleOf(model, lpg, 'technical'),
      responsibleOf(model, lpg, 'operational'),
    ]);
    expect(roster.find((d) => d.unit === 'DK-LPG-1' && d.role === 'principal')!.person).toMatch(/^\p{Script=Han}{2,3}$/u);
  });

  it('never checked in: due by the end of the period the roster began in; then overdue', () => {
    expect(state([])).toEqual({
      principal: ['due', '2026-12-31T16:00:00.000Z'],
      technical: ['due', '2026-12-31T16:00:00.000Z'],
      operational: ['due', '2026-12-06T16:00:00.000Z'],
    });
    expect(state([], at('2026-12-07T08:00:00+08:00')).operational).toEqual(['overdue', '2026-12-06T16:00:00.000Z']);
    expect(state([], at('2026-12-07T08:00:00+08:00'), at('2026-12-07T07:00:00+08:00')).operational[0]).toBe('due');
  });

  it('a check-in this period: done; last period: due by the end of this one; before that: overdue', () => {
    expect(
      state([ck('operational', '2026-11-26T09:00:00+08:00'), ck('technical', '2026-12-01T09:00:00+08:00'), ck('principal', '2026-09-20T09:00:00+08:00')]),
    ).toEqual({
      principal: ['due', '2026-12-31T16:00:00.000Z'],
      technical: ['done', '2027-01-31T16:00:00.000Z'],
      operational: ['due', '2026-12-06T16:00:00.000Z'],
    });
    expect(
      state([ck('operational', '2026-11-20T09:00:00+08:00'), ck('technical', '2026-10-15T09:00:00+08:00'), ck('principal', '2026-06-30T09:00:00+08:00')]),
    ).toEqual({
      principal: ['overdue', '2026-09-30T16:00:00.000Z'],
      technical: ['overdue', '2026-11-30T16:00:00.000Z'],
      operational: ['overdue', '2026-11-29T16:00:00.000Z'],
    });
  });
});
