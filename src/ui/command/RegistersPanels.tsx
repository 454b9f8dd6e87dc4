/**
 * The park's registers in the command centre: the duty roster of major hazard sources' responsible
 * persons (包保: who, when last, due by, overdue in red, and the check-in for the person on duty),
 * the start-ups, shutdowns and turnarounds of units (with the permits at work in them), and the
 * contractors with their people's qualifications and the entries filed before work.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DUTY_BASIS, type DutyStatus } from '../../geo/compliance/dutyRoster.ts';
import { inUnit, isOn, TURNAROUND_KINDS, type TurnaroundKind } from '../../geo/compliance/turnarounds.ts';
import type { ParkModel } from '../../model/model.ts';
import { displayName } from '../../model/names.ts';
import { cancelTurnaround, checkIn, fileEntry, registerContractor, registerTurnaround, revokeEntry } from '../../net/registers.ts';
import { useLive } from '../../state/live.ts';
import { atWork, usePermits } from '../../state/permits.ts';
import { usePlanner } from '../../state/planner.ts';
import { useRegisters } from '../../state/registers.ts';
import { toLocalInput, useFormat, useNow } from '../common/hooks.ts';
import { canOperate, flyToFeature } from './shared.ts';

export function DutiesSection({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const duties = useRegisters((s) => s.duties);
  const user = useLive((s) => s.user);
  const [note, setNote] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const overdue = duties.filter((d) => d.state === 'overdue').length;
  // the person on duty checks in; an admin records a paper check where one is still owed
  const mine = (d: DutyStatus) => !!user && (d.person === user.name || (user.role === 'admin' && d.state !== 'done'));
  const go = async (d: DutyStatus) => {
    if (!note.trim()) return setErr(t('duties.notePrompt'));
    const r = await checkIn(d.unit, { role: d.role, note: note.trim(), ...(user?.name !== d.person && d.person ? { on_behalf_of: d.person } : {}) });
    setErr(r.ok ? null : r.error);
    if (r.ok) setNote('');
  };
  if (!duties.length) return null;
  return (
    <section data-testid="duties">
      <h4>
        {t('duties.title')} {overdue > 0 && <span className="badge">{t('duties.overdueN', { n: overdue })}</span>}
      </h4>
      {canOperate(user?.role) && duties.some(mine) && (
        <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('duties.note')} data-testid="duty-note" className="wide" />
      )}
      {err && <p className="bad">{err}</p>}
      <ul className="duties">
        {[...new Set(duties.map((d) => d.unit))].map((unit) => (
          <li key={unit}>
            <button type="button" className="link" onClick={() => flyToFeature(model, unit, 300)}>
              {displayName(model.byId.get(unit)?.props, i18n.language, unit)}
            </button>
            {duties
              .filter((d) => d.unit === unit)
              .map((d) => (
                <div key={d.role} className={`duty duty-${d.state}`} data-testid="duty" data-unit={d.unit} data-role={d.role} data-state={d.state}>
                  <span className="who">
                    {t(`duties.roles.${d.role}`)} {d.person ?? '—'}
                  </span>
                  <span className="hint">
                    {t(`duties.every.${d.period}`)} · {t('duties.last')} {d.last ? `${fmt.dateTime(d.last.t)}（${d.last.by}）` : '—'}
                  </span>
                  <span className={d.state === 'overdue' ? 'bad' : d.state === 'done' ? 'ok' : ''}>
                    {t(`duties.state.${d.state}`)}
                    {d.state !== 'done' ? ` · ${t('duties.due')} ${fmt.dateTime(d.due_ms)}` : ''}
                  </span>
                  {canOperate(user?.role) && mine(d) && (
                    <button type="button" className="link" onClick={() => void go(d)} data-testid="duty-checkin">
                      {t('duties.checkIn')}
                    </button>
                  )}
                </div>
              ))}
          </li>
        ))}
      </ul>
      <p className="hint" title={DUTY_BASIS}>
        {t('duties.basis')}
      </p>
    </section>
  );
}

export function TurnaroundsSection({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const now = useNow();
  const turnarounds = useRegisters((s) => s.turnarounds);
  const permits = usePermits((s) => s.permits);
  const units = usePlanner((s) => s.units);
  const user = useLive((s) => s.user);
  const [form, setForm] = useState<{ unit: string; kind: TurnaroundKind; from: string; to: string; note: string } | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const choices = useMemo(
    () =>
      [...new Set([...units.filter((u) => u.grade !== null).map((u) => u.unit), ...model.ofKind('process_unit').map((u) => u.id)])].filter((id) => {
        const ent =
          units.find((u) => u.unit === id)?.enterprise ?? (model.byId.get(id)?.props as { enterprise_id?: string } | undefined)?.enterprise_id ?? null;
        return !user?.enterprises || (ent !== null && user.enterprises.includes(ent));
      }),
    [units, model, user],
  );
  const unitOf = (id: string) => units.find((u) => u.unit === id) ?? { unit: id, members: [] as string[] };
  const submit = async () => {
    if (!form) return;
    const r = await registerTurnaround({
      unit: form.unit,
      kind: form.kind,
      from: new Date(form.from).getTime(),
      to: new Date(form.to).getTime(),
      note: form.note,
    });
    setErr(r.ok ? null : r.error);
    if (r.ok) setForm(null);
  };
  return (
    <section data-testid="turnarounds">
      <h4>{t('turnarounds.title')}</h4>
      {canOperate(user?.role) && !form && choices.length > 0 && (
        <button
          type="button"
          onClick={() =>
            setForm({ unit: choices[0], kind: 'turnaround', from: toLocalInput(Date.now()), to: toLocalInput(Date.now() + 7 * 86_400_000), note: '' })
          }
          data-testid="turnaround-new"
        >
          {t('turnarounds.register')}
        </button>
      )}
      {form && (
        <form
          className="mini-form"
          data-testid="turnaround-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <select value={form.unit} onChange={(e) => setForm({ ...form, unit: e.target.value })} data-testid="turnaround-unit">
            {choices.map((id) => (
              <option key={id} value={id}>
                {displayName(model.byId.get(id)?.props, i18n.language, id)}
              </option>
            ))}
          </select>
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as TurnaroundKind })} data-testid="turnaround-kind">
            {TURNAROUND_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`turnarounds.kind.${k}`)}
              </option>
            ))}
          </select>
          <input type="datetime-local" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
          <input type="datetime-local" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
          <input
            value={form.note}
            onChange={(e) => setForm({ ...form, note: e.target.value })}
            placeholder={t('turnarounds.note')}
            required
            data-testid="turnaround-note"
          />
          <button type="submit" data-testid="turnaround-submit">
            {t('permits.submit')}
          </button>
          <button type="button" onClick={() => setForm(null)}>
            {t('permits.cancelForm')}
          </button>
        </form>
      )}
      {err && <p className="bad">{err}</p>}
      {turnarounds.length === 0 && <p className="empty">{t('turnarounds.none')}</p>}
      <ul>
        {turnarounds.map((ta) => {
          const on = isOn(ta, now);
          const inside = atWork(permits).filter((p) => inUnit(model, unitOf(ta.unit), p.feature));
          return (
            <li key={ta.id} className={on ? 'turnaround on' : 'turnaround'} data-testid="turnaround" data-id={ta.id} data-on={on}>
              <button type="button" className="link" onClick={() => flyToFeature(model, ta.unit, 300)}>
                {displayName(model.byId.get(ta.unit)?.props, i18n.language, ta.unit)}
              </button>{' '}
              <b>{t(`turnarounds.kind.${ta.kind}`)}</b> {fmt.dateTime(ta.from)} – {fmt.dateTime(ta.to)}
              {on && <span className="badge">{t('turnarounds.on')}</span>}
              {ta.cancelled && <span className="hint"> · {t('turnarounds.cancelled', { reason: ta.cancelled.reason })}</span>}
              <div className="hint">{ta.note}</div>
              {inside.length > 0 && (
                <div data-testid="turnaround-permits">
                  {t('turnarounds.permits')}: {inside.map((p) => p.number).join(', ')}
                </div>
              )}
              {canOperate(user?.role) && !ta.cancelled && (
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    const reason = window.prompt(t('permits.reasonPrompt'));
                    if (reason) void cancelTurnaround(ta.id, { reason }).then((r) => setErr(r.ok ? null : r.error));
                  }}
                >
                  {t('permits.action.cancel')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** One person a line: `name, tag, certificate kind, number, expires (YYYY-MM-DD)`. */
function parsePeople(text: string) {
  return text
    .split('\n')
    .map((l) => l.split(/[,，]/).map((x) => x.trim()))
    .filter((c) => c[0])
    .map(([name, tag, kind, number, expires]) => ({
      name,
      ...(tag ? { tag } : {}),
      qualifications: kind && number && expires ? [{ kind, number, expires: `${expires}T23:59:59+08:00` }] : [],
    }));
}

export function ContractorsSection({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const now = useNow();
  const { contractors, entries } = useRegisters();
  const user = useLive((s) => s.user);
  const [err, setErr] = useState<string | null>(null);
  const [reg, setReg] = useState<{ id: string; name: string; people: string } | null>(null);
  const [entry, setEntry] = useState<{ contractor: string; people: string; purpose: string; hours: string } | null>(null);
  if (!canOperate(user?.role)) return null;
  const parkWide = user?.enterprises === null;
  const myEnterprise = model.ofKind('enterprise').find((e) => !user?.enterprises || user.enterprises.includes(e.id));
  const soon = now + 30 * 86_400_000;
  return (
    <section data-testid="contractors">
      <h4>{t('contractors.title')}</h4>
      {err && <p className="bad">{err}</p>}
      <ul>
        {contractors.map((c) => {
          const expiring = c.people.flatMap((p) =>
            p.qualifications.filter((q) => q.expires < soon).map((q) => `${p.name} ${q.kind} ${fmt.dateTime(q.expires)}`),
          );
          return (
            <li key={c.id} data-testid="contractor" data-id={c.id}>
              <b>{c.name}</b> · {t('contractors.people', { n: c.people.length })}
              {expiring.length > 0 && <div className="bad">{t('contractors.expiring', { list: expiring.join('；') })}</div>}
              {myEnterprise && (
                <button
                  type="button"
                  className="link"
                  onClick={() => setEntry({ contractor: c.id, people: '', purpose: '', hours: '8' })}
                  data-testid="entry-new"
                >
                  {t('contractors.fileEntry')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {entry && myEnterprise && (
        <form
          className="mini-form"
          data-testid="entry-form"
          onSubmit={(e) => {
            e.preventDefault();
            const from = Date.now();
            void fileEntry(entry.contractor, {
              enterprise: myEnterprise.id,
              purpose: entry.purpose,
              people: entry.people
                .split(/[,，、\s]+/)
                .map((x) => x.trim())
                .filter(Boolean),
              from,
              to: from + Number(entry.hours) * 3600_000,
            }).then((r) => {
              setErr(r.ok ? null : r.error);
              if (r.ok) setEntry(null);
            });
          }}
        >
          <input
            value={entry.people}
            onChange={(e) => setEntry({ ...entry, people: e.target.value })}
            placeholder={t('contractors.entryPeople')}
            required
            data-testid="entry-people"
          />
          <input
            value={entry.purpose}
            onChange={(e) => setEntry({ ...entry, purpose: e.target.value })}
            placeholder={t('contractors.purpose')}
            required
            data-testid="entry-purpose"
          />
          <input value={entry.hours} onChange={(e) => setEntry({ ...entry, hours: e.target.value })} inputMode="numeric" title={t('contractors.hours')} />
          <button type="submit" data-testid="entry-submit">
            {t('permits.submit')}
          </button>
        </form>
      )}
      <ul>
        {entries.map((e) => (
          <li key={e.id} data-testid="entry" data-id={e.id} className={e.revoked ? 'revoked' : ''}>
            {contractors.find((c) => c.id === e.contractor)?.name ?? e.contractor} →{' '}
            {displayName(model.byId.get(e.enterprise)?.props, i18n.language, e.enterprise)}：{e.people.join('、')} · {fmt.dateTime(e.from)} –{' '}
            {fmt.dateTime(e.to)} · {e.purpose}
            {e.revoked ? (
              <span className="hint"> · {t('contractors.revoked', { reason: e.revoked.reason })}</span>
            ) : (
              <button
                type="button"
                className="link"
                onClick={() => {
                  const reason = window.prompt(t('permits.reasonPrompt'));
                  if (reason) void revokeEntry(e.id, { reason }).then((r) => setErr(r.ok ? null : r.error));
                }}
              >
                {t('contractors.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {parkWide && !reg && (
        <button type="button" onClick={() => setReg({ id: '', name: '', people: '' })} data-testid="contractor-new">
          {t('contractors.register')}
        </button>
      )}
      {reg && (
        <form
          className="permit-form"
          data-testid="contractor-form"
          onSubmit={(e) => {
            e.preventDefault();
            void registerContractor({ id: reg.id, name: reg.name, people: parsePeople(reg.people) }).then((r) => {
              setErr(r.ok ? null : r.error);
              if (r.ok) setReg(null);
            });
          }}
        >
          <input
            value={reg.id}
            onChange={(e) => setReg({ ...reg, id: e.target.value })}
            placeholder={t('contractors.id')}
            required
            data-testid="contractor-id"
          />
          <input
            value={reg.name}
            onChange={(e) => setReg({ ...reg, name: e.target.value })}
            placeholder={t('contractors.name')}
            required
            data-testid="contractor-name"
          />
          <textarea
            value={reg.people}
            onChange={(e) => setReg({ ...reg, people: e.target.value })}
            placeholder={t('contractors.peopleLines')}
            rows={4}
            data-testid="contractor-people"
          />
          <button type="submit" data-testid="contractor-submit">
            {t('permits.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
