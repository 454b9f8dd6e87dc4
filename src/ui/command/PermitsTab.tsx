/**
 * Special-operation permits (GB 30871-2022) in the command centre: the filed permits with their life
 * cycle and what the live park shows of them (who is inside, whether the watcher is near), the form an
 * enterprise's operator files one with (the standard's rules checked as it is filled, by the same
 * function the server uses), the steps each role may take, the park's spot checks and the statistics;
 * below, the work zones the layout file itself declares.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkPermit, type GasAnalysis, heightGrade, liftingGrade, OPS, SPECIAL_OPS, type SpecialOp } from '../../geo/compliance/gb30871.ts';
import type { ParkModel } from '../../model/model.ts';
import { displayName } from '../../model/names.ts';
import { actOnPermit, filePermit, spotCheckPermit } from '../../net/permits.ts';
import type { Permit, PermitAction } from '../../protocol/permits.ts';
import { liveBuffers, useLive } from '../../state/live.ts';
import { useDraftArea, usePermits } from '../../state/permits.ts';
import { useSelection } from '../../state/selection.ts';
import { toLocalInput, useFormat } from '../common/hooks.ts';
import { canOperate, flyToFeature, flyToLonLat } from './shared.ts';
import { ContractorsSection } from './RegistersPanels.tsx';

const STEPS: Record<Permit['status'], PermitAction[]> = {
  drafted: ['approve', 'cancel'],
  approved: ['start', 'cancel'],
  active: ['suspend', 'close'],
  suspended: ['resume', 'close', 'cancel'],
  closed: [],
  cancelled: [],
};
const NEEDS_REASON = new Set<PermitAction>(['suspend', 'cancel']);

/** The kind's name in the page's language. */
const opName = (k: SpecialOp, lang: string) => (lang.startsWith('en') ? OPS[k].name_en : OPS[k].name_zh);

export function PermitsTab({ model }: { model: ParkModel }) {
  const { t } = useTranslation();
  const user = useLive((s) => s.user);
  const { permits, stats, error } = usePermits();
  const [filter, setFilter] = useState<string>('open');
  const [filing, setFiling] = useState(false);
  const shown = permits.filter((p) => (filter === 'open' ? p.status !== 'closed' && p.status !== 'cancelled' : filter === 'all' || p.status === filter));
  return (
    <div className="tab-permits">
      <div className="toolbar">
        <select value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="permit-filter" aria-label={t('permits.status.active')}>
          <option value="open">
            {t('permits.status.drafted')} / {t('permits.status.active')} …
          </option>
          <option value="all">{t('permits.all')}</option>
          {(['drafted', 'approved', 'active', 'suspended', 'closed', 'cancelled'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`permits.status.${s}`)}
            </option>
          ))}
        </select>
        {canOperate(user?.role) && !filing && (
          <button type="button" onClick={() => setFiling(true)} data-testid="permit-file">
            {t('permits.file')}
          </button>
        )}
      </div>
      {error && <p className="bad">{error}</p>}
      {filing && <PermitForm model={model} onDone={() => setFiling(false)} />}
      <h4>{t('permits.filed')}</h4>
      {shown.length === 0 && <p className="empty">{t('permits.noneFiled')}</p>}
      <ul className="permits">
        {shown.map((p) => (
          <PermitCard key={p.id} model={model} permit={p} />
        ))}
      </ul>
      {stats.length > 0 && <PermitStats model={model} />}
      <ContractorsSection model={model} />
      <LayoutPermitZones model={model} />
      <p className="hint">{t('permits.basis')}</p>
    </div>
  );
}

function PermitCard({ model, permit: p }: { model: ParkModel; permit: Permit }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const user = useLive((s) => s.user);
  const live = useLive((s) => s.status?.permits?.[p.id]);
  const [reason, setReason] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [analysing, setAnalysing] = useState(false);
  const [checking, setChecking] = useState(false);
  const ent = model.byId.get(p.enterprise);
  const act = async (a: PermitAction) => {
    if (NEEDS_REASON.has(a) && !reason.trim()) return setErr(t('permits.reasonPrompt'));
    const r = await actOnPermit(p.id, a, NEEDS_REASON.has(a) || a === 'close' ? (reason.trim() ? { reason: reason.trim() } : {}) : {});
    setErr(r.ok ? null : refusalText(r.body, r.error, i18n.language));
    if (r.ok) setReason('');
  };
  const fly = () => {
    if (p.feature) flyToFeature(model, p.feature, 200);
    else if (p.area) flyToLonLat(model, p.area[0][0], p.area[0][1], 200);
  };
  return (
    <li className={`permit status-${p.status}`} data-testid="filed-permit" data-id={p.id} data-status={p.status}>
      <div className="head">
        <button type="button" className="link" onClick={fly}>
          {p.number}
        </button>{' '}
        <b>
          {opName(p.kind, i18n.language)}
          {p.grade ? ` · ${t(`permits.gradeName.${p.grade}`)}` : ''}
        </b>{' '}
        <span className={`badge status-${p.status}`} data-testid="permit-status">
          {t(`permits.status.${p.status}`)}
        </span>
      </div>
      <div>{p.title}</div>
      <div className="hint">
        {ent ? displayName(ent.props, i18n.language, ent.id) : p.enterprise}
        {p.feature ? ` · ${displayName(model.byId.get(p.feature)?.props, i18n.language, p.feature)}` : ''} ·{' '}
        {t('permits.window', { from: fmt.dateTime(p.valid_from), to: fmt.dateTime(p.valid_to) })}
      </div>
      <div className="hint">
        {t('permits.applicant')} {p.applicant} · {t('permits.watcher')} {p.watcher} · {t('permits.workersLabel')} {p.workers.join(', ')}
      </div>
      {p.status === 'suspended' && (p.suspend_cause || p.suspend_reason) && (
        <div className="bad" data-testid="permit-suspended-because">
          {t('permits.suspendedBecause', {
            reason: p.suspend_cause
              ? t('permits.gasCause', {
                  sensor: displayName(model.byId.get(p.suspend_cause.sensor)?.props, i18n.language, p.suspend_cause.sensor),
                  id: p.suspend_cause.sensor,
                  level: p.suspend_cause.level,
                  distance: p.suspend_cause.distance_m,
                })
              : p.suspend_reason,
          })}
        </div>
      )}
      {live && (p.status === 'active' || p.status === 'suspended') && (
        <div data-testid="permit-live">
          {t('permits.insideNow', { ids: live.inside.map((tag) => nameOf(tag)).join(', ') || '—' })}
          {live.watcher_present !== null && (
            <span className={live.watcher_present ? 'ok' : 'bad'} data-testid="permit-watcher" data-present={String(live.watcher_present)}>
              {' · '}
              {live.watcher_present ? t('permits.watcherPresent') : t('permits.watcherAbsent')}
            </span>
          )}
        </div>
      )}
      {p.spot_checks.length > 0 && (
        <div className="hint" data-testid="permit-checks">
          {t('permits.checks', { n: p.spot_checks.length })}: {p.spot_checks.map((c) => `${t(`permits.finding.${c.finding}`)}（${c.by}）`).join('；')}
          {p.spot_checks
            .filter((c) => c.photo)
            .map((c) => (
              <a key={c.t} href={c.photo} target="_blank" rel="noreferrer">
                <img src={c.photo} alt={c.note} className="spot-photo" data-testid="spot-photo" />
              </a>
            ))}
        </div>
      )}
      {canOperate(user?.role) && (
        <div className="actions">
          {STEPS[p.status].some((a) => NEEDS_REASON.has(a)) && (
            <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('permits.reason')} data-testid="permit-reason" />
          )}
          {STEPS[p.status]
            .filter((a) => a !== 'approve' || (!!user && p.approvers.includes(user.name) && user.name !== p.applicant))
            .map((a) => (
              <button type="button" key={a} onClick={() => void act(a)} data-testid={`permit-${a}`}>
                {t(`permits.action.${a}`)}
              </button>
            ))}
          {OPS[p.kind].needs_gas_analysis && p.status !== 'closed' && p.status !== 'cancelled' && (
            <button type="button" onClick={() => setAnalysing((x) => !x)} data-testid="permit-analysis">
              {t('permits.action.analysis')}
            </button>
          )}
          {user?.enterprises === null && (
            <button type="button" onClick={() => setChecking((x) => !x)} data-testid="permit-spot-check">
              {t('permits.spotCheck')}
            </button>
          )}
        </div>
      )}
      {analysing && (
        <AnalysisForm
          kind={p.kind}
          onSubmit={async (analysis) => {
            const r = await actOnPermit(p.id, 'analysis', { analysis });
            setErr(r.ok ? null : refusalText(r.body, r.error, i18n.language));
            if (r.ok) setAnalysing(false);
          }}
        />
      )}
      {checking && (
        <SpotCheckForm
          onSubmit={async (body) => {
            const r = await spotCheckPermit(p.id, body);
            setErr(r.ok ? null : r.error);
            if (r.ok) setChecking(false);
          }}
        />
      )}
      {err && (
        <div className="bad" data-testid="permit-error">
          {err}
        </div>
      )}
    </li>
  );
}

/** A tag as people know it: the name the positioning system gives, with the tag. */
const nameOf = (tag: string) => {
  const n = liveBuffers.positions.get(tag)?.name;
  return n ? `${n}（${tag}）` : tag;
};

/** A refusal in the page's language: the standard's problems where the server gave them. */
function refusalText(body: { problems?: { message_en: string; message_zh: string; clause: string }[] }, error: string, lang: string): string {
  if (!body.problems?.length) return error;
  return body.problems.map((p) => `${lang.startsWith('en') ? p.message_en : p.message_zh}（${p.clause}）`).join('；');
}

function AnalysisForm({ kind, onSubmit }: { kind: SpecialOp; onSubmit: (a: GasAnalysis) => void }) {
  const { t } = useTranslation();
  const user = useLive((s) => s.user);
  const [a, setA] = useState({
    measured: 'combustible' as GasAnalysis['kind'],
    substance: '',
    value: '',
    lel: '',
    limit: '',
    unit: 'mg/m³',
    point: '',
    analyst: user?.name ?? '',
  });
  const set = (k: keyof typeof a) => (e: { target: { value: string } }) => setA({ ...a, [k]: e.target.value });
  // what the permit's kind measures: combustible gas always; a confined space oxygen and toxic gases too
  const measures: GasAnalysis['kind'][] = kind === 'confined_space' ? ['combustible', 'oxygen', 'toxic'] : ['combustible', 'toxic'];
  return (
    <form
      className="mini-form"
      data-testid="analysis-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({
          t: Date.now(),
          point: a.point || '—',
          kind: a.measured,
          substance: a.measured === 'oxygen' ? a.substance || 'O2' : a.substance,
          value: Number(a.value),
          ...(a.measured === 'combustible' ? { lel_pct: Number(a.lel) } : {}),
          ...(a.measured === 'toxic' ? { limit: Number(a.limit), unit: a.unit } : {}),
          analyst: a.analyst,
        });
      }}
    >
      <select value={a.measured} onChange={(e) => setA({ ...a, measured: e.target.value as GasAnalysis['kind'] })} data-testid="analysis-kind">
        {measures.map((m) => (
          <option key={m} value={m}>
            {t(`permits.measured.${m}`)}
          </option>
        ))}
      </select>
      {a.measured !== 'oxygen' && <input placeholder={t('permits.gas')} value={a.substance} onChange={set('substance')} required data-testid="analysis-gas" />}
      <input
        placeholder={a.measured === 'toxic' ? t('permits.valueToxic') : t('permits.value')}
        value={a.value}
        onChange={set('value')}
        inputMode="decimal"
        required
        data-testid="analysis-value"
      />
      {a.measured === 'combustible' && (
        <input placeholder={t('permits.lel')} value={a.lel} onChange={set('lel')} inputMode="decimal" required data-testid="analysis-lel" />
      )}
      {a.measured === 'toxic' && (
        <>
          <input placeholder={t('permits.limit')} value={a.limit} onChange={set('limit')} inputMode="decimal" required data-testid="analysis-limit" />
          <input value={a.unit} onChange={set('unit')} aria-label={t('permits.unit')} />
        </>
      )}
      <input placeholder={t('permits.point')} value={a.point} onChange={set('point')} />
      <input placeholder={t('permits.analyst')} value={a.analyst} onChange={set('analyst')} required />
      <button type="submit" data-testid="analysis-submit">
        {t('permits.submit')}
      </button>
    </form>
  );
}

/** The largest photo a spot check takes, bytes of its data URL (the server takes 400 000 characters). */
const PHOTO_MAX_CHARS = 400_000;

function SpotCheckForm({
  onSubmit,
}: {
  onSubmit: (b: { finding: 'compliant' | 'deficient' | 'stopped'; note: string; follow_up?: string; photo?: string }) => void;
}) {
  const { t } = useTranslation();
  const [finding, setFinding] = useState<'compliant' | 'deficient' | 'stopped'>('compliant');
  const [note, setNote] = useState('');
  const [follow, setFollow] = useState('');
  const [photo, setPhoto] = useState<string | null>(null);
  const [photoErr, setPhotoErr] = useState<string | null>(null);
  const readPhoto = (file: File | undefined) => {
    setPhoto(null);
    setPhotoErr(null);
    if (!file) return;
    const r = new FileReader();
    r.onload = () => {
      const url = String(r.result);
      if (url.length > PHOTO_MAX_CHARS) setPhotoErr(t('permits.photoTooLarge'));
      else setPhoto(url);
    };
    r.readAsDataURL(file);
  };
  return (
    <form
      className="mini-form"
      data-testid="spot-check-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ finding, note, ...(follow.trim() ? { follow_up: follow.trim() } : {}), ...(photo ? { photo } : {}) });
      }}
    >
      <select value={finding} onChange={(e) => setFinding(e.target.value as typeof finding)} data-testid="spot-check-finding">
        {(['compliant', 'deficient', 'stopped'] as const).map((f) => (
          <option key={f} value={f}>
            {t(`permits.finding.${f}`)}
          </option>
        ))}
      </select>
      <input placeholder={t('permits.note')} value={note} onChange={(e) => setNote(e.target.value)} required data-testid="spot-check-note" />
      <input placeholder={t('permits.followUp')} value={follow} onChange={(e) => setFollow(e.target.value)} />
      <label className="hint">
        {t('permits.photo')}
        <input type="file" accept="image/jpeg,image/png" onChange={(e) => readPhoto(e.target.files?.[0])} data-testid="spot-check-photo" />
      </label>
      {photoErr && <span className="bad">{photoErr}</span>}
      <button type="submit" data-testid="spot-check-submit">
        {t('permits.submit')}
      </button>
    </form>
  );
}

const list = (s: string) =>
  s
    .split(/[,，、;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The filing form: every field of the permit, the standard's problems shown next to their field as it is filled. */
function PermitForm({ model, onDone }: { model: ParkModel; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const user = useLive((s) => s.user);
  const selected = useSelection((s) => s.selectedId);
  const enterprises = useMemo(() => model.ofKind('enterprise').filter((e) => !user?.enterprises || user.enterprises.includes(e.id)), [model, user]);
  // from this minute (work may start as soon as it is approved), for four hours
  const start = Math.floor(Date.now() / 60_000) * 60_000;
  const [f, setF] = useState({
    kind: 'hot_work' as SpecialOp,
    grade: '2',
    enterprise: enterprises[0]?.id ?? '',
    feature: '',
    title: '',
    from: toLocalInput(start),
    to: toLocalInput(start + 4 * 3600_000),
    applicant: user?.name ?? '',
    workers: '',
    watcher: '',
    approvers: '',
    worker_tags: '',
    watcher_tag: '',
    contractor: '',
    height_m: '',
    mass_t: '',
    depth_m: '',
    gas: '',
    gas_value: '',
    gas_lel: '',
    oxygen: '',
    analyst: '',
  });
  const [serverErr, setServerErr] = useState<{ field?: string; text: string } | null>(null);
  // drawing the work area on the twin: every click on the twin adds a corner
  const draft = useDraftArea((s) => s.points);
  const drawing = draft !== null;
  useEffect(() => {
    if (!drawing) return;
    return useSelection.subscribe((s, prev) => {
      if (s.place && s.place !== prev.place) useDraftArea.setState((d) => ({ points: [...(d.points ?? []), [s.place![0], s.place![1]]] }));
    });
  }, [drawing]);
  useEffect(() => () => useDraftArea.setState({ points: null }), []);
  const area = draft && draft.length >= 3 ? draft.map((q) => model.frame.toLngLat(q) as unknown as [number, number]) : undefined;
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const op = OPS[f.kind];
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const body = {
    kind: f.kind,
    grade: op.grades.length ? f.grade : null,
    enterprise: f.enterprise,
    ...(f.feature ? { feature: f.feature } : {}),
    ...(area ? { area: area.map(([lon, lat]) => [lon, lat] as [number, number]) } : {}),
    title: f.title,
    valid_from: new Date(f.from).getTime(),
    valid_to: new Date(f.to).getTime(),
    applicant: f.applicant,
    workers: list(f.workers),
    watcher: f.watcher.trim(),
    approvers: list(f.approvers),
    worker_tags: list(f.worker_tags),
    ...(f.watcher_tag.trim() ? { watcher_tag: f.watcher_tag.trim() } : {}),
    ...(f.contractor.trim() ? { contractor: f.contractor.trim() } : {}),
    ...(num(f.height_m) !== undefined ? { height_m: num(f.height_m) } : {}),
    ...(num(f.mass_t) !== undefined ? { mass_t: num(f.mass_t) } : {}),
    ...(num(f.depth_m) !== undefined ? { depth_m: num(f.depth_m) } : {}),
    gas_analyses: [
      ...(f.gas
        ? [
            {
              t: Date.now(),
              point: '—',
              kind: 'combustible' as const,
              substance: f.gas,
              value: Number(f.gas_value),
              lel_pct: Number(f.gas_lel),
              analyst: f.analyst || f.applicant,
            },
          ]
        : []),
      // a confined space is entered only with its oxygen measured too
      ...(f.kind === 'confined_space' && f.oxygen.trim()
        ? [{ t: Date.now(), point: '—', kind: 'oxygen' as const, substance: 'O2', value: Number(f.oxygen), analyst: f.analyst || f.applicant }]
        : []),
    ],
  };
  // the standard's rules, as the server will apply them, shown next to their fields; and a place
  const problems = [
    ...checkPermit(body),
    ...(!f.feature && !area
      ? [
          {
            field: 'feature',
            message_en: 'choose an installation or draw the area on the twin',
            message_zh: '请选择作业装置或在孪生上绘制作业区域',
            clause: '',
            certainty: 'V' as const,
          },
        ]
      : []),
  ];
  const msg = (field: string) => {
    const ps = problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`));
    const server = serverErr && serverErr.field === field ? [serverErr.text] : [];
    const all = [...ps.map((p) => (i18n.language.startsWith('en') ? p.message_en : p.message_zh)), ...server];
    return all.length ? (
      <span className="bad field-msg" data-testid={`msg-${field}`}>
        {all.join('；')}
      </span>
    ) : null;
  };
  const places = useMemo(
    () =>
      model.features.filter(
        (x) =>
          ['tank', 'process_unit', 'building', 'pipe_rack', 'loading_bay', 'dike', 'zone', 'warehouse'].includes(x.kind) &&
          (x.props as { enterprise_id?: string }).enterprise_id === f.enterprise,
      ),
    [model, f.enterprise],
  );
  const submit = async () => {
    const r = await filePermit(body);
    if (r.ok) {
      useDraftArea.setState({ points: null });
      return onDone();
    }
    setServerErr({ field: r.body.field, text: refusalText(r.body, r.error, i18n.language) });
  };
  return (
    <form
      className="permit-form"
      data-testid="permit-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label>
        {t('permits.kind')}
        <select
          value={f.kind}
          onChange={(e) => setF({ ...f, kind: e.target.value as SpecialOp, grade: OPS[e.target.value as SpecialOp].grades.at(-1) ?? '' })}
          data-testid="pf-kind"
        >
          {SPECIAL_OPS.map((k) => (
            <option key={k} value={k}>
              {opName(k, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      {op.grades.length > 0 && (
        <label>
          {t('permits.grade')}
          <select value={f.grade} onChange={set('grade')} data-testid="pf-grade">
            {op.grades.map((g) => (
              <option key={g} value={g}>
                {t(`permits.gradeName.${g}`)}
              </option>
            ))}
          </select>
          {msg('grade')}
        </label>
      )}
      <label>
        {t('permits.enterprise')}
        <select value={f.enterprise} onChange={set('enterprise')} data-testid="pf-enterprise">
          {enterprises.map((e) => (
            <option key={e.id} value={e.id}>
              {displayName(e.props, i18n.language, e.id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('permits.place')}
        <select value={f.feature} onChange={set('feature')} data-testid="pf-feature">
          <option value="">—</option>
          {places.map((x) => (
            <option key={x.id} value={x.id}>
              {displayName(x.props, i18n.language, x.id)} ({x.id})
            </option>
          ))}
        </select>
        {selected && model.byId.has(selected) && (
          <button type="button" className="link" onClick={() => setF({ ...f, feature: selected })} data-testid="pf-use-selected">
            {t('permits.useSelected')}
          </button>
        )}
        {msg('feature')}
      </label>
      <div className="draw-area">
        {!drawing ? (
          <button type="button" className="link" onClick={() => useDraftArea.setState({ points: [] })} data-testid="pf-draw">
            {t('permits.drawArea')}
          </button>
        ) : (
          <>
            <span data-testid="pf-draw-count" data-n={draft.length}>
              {t('permits.drawing', { n: draft.length })}
            </span>{' '}
            <button type="button" className="link" onClick={() => useDraftArea.setState({ points: [] })}>
              {t('permits.drawClear')}
            </button>
          </>
        )}
      </div>
      <label>
        {t('permits.title')}
        <input value={f.title} onChange={set('title')} required data-testid="pf-title" />
      </label>
      <label>
        {t('permits.from')}
        <input type="datetime-local" value={f.from} onChange={set('from')} data-testid="pf-from" />
        {msg('valid_from')}
      </label>
      <label>
        {t('permits.to')}
        <input type="datetime-local" value={f.to} onChange={set('to')} data-testid="pf-to" />
        {msg('valid_to')}
      </label>
      {f.kind === 'work_at_height' && (
        <label>
          {t('permits.height')}
          <input
            value={f.height_m}
            onChange={(e) => setF({ ...f, height_m: e.target.value, grade: heightGrade(Number(e.target.value)) ?? f.grade })}
            inputMode="decimal"
            data-testid="pf-height"
          />
          {msg('height_m')}
        </label>
      )}
      {f.kind === 'lifting' && (
        <label>
          {t('permits.mass')}
          <input
            value={f.mass_t}
            onChange={(e) => setF({ ...f, mass_t: e.target.value, grade: e.target.value.trim() ? liftingGrade(Number(e.target.value)) : f.grade })}
            inputMode="decimal"
            data-testid="pf-mass"
          />
          {msg('mass_t')}
        </label>
      )}
      {f.kind === 'excavation' && (
        <label>
          {t('permits.depth')}
          <input value={f.depth_m} onChange={set('depth_m')} inputMode="decimal" />
          {msg('depth_m')}
        </label>
      )}
      <label>
        {t('permits.applicant')}
        <input value={f.applicant} onChange={set('applicant')} required data-testid="pf-applicant" />
      </label>
      <label>
        {t('permits.workers')}
        <input value={f.workers} onChange={set('workers')} data-testid="pf-workers" />
        {msg('workers')}
      </label>
      <label>
        {t('permits.workerTags')}
        <input value={f.worker_tags} onChange={set('worker_tags')} data-testid="pf-worker-tags" />
      </label>
      <label>
        {t('permits.watcher')}
        <input value={f.watcher} onChange={set('watcher')} data-testid="pf-watcher" />
        {msg('watcher')}
      </label>
      <label>
        {t('permits.watcherTag')}
        <input value={f.watcher_tag} onChange={set('watcher_tag')} data-testid="pf-watcher-tag" />
      </label>
      <label>
        {t('permits.approvers')}
        <input value={f.approvers} onChange={set('approvers')} data-testid="pf-approvers" />
        {msg('approvers')}
      </label>
      <label>
        {t('permits.contractor')}
        <input value={f.contractor} onChange={set('contractor')} />
      </label>
      {op.needs_gas_analysis && (
        <fieldset>
          <legend>{t('permits.analysis')}</legend>
          <input placeholder={t('permits.gas')} value={f.gas} onChange={set('gas')} data-testid="pf-gas" />
          <input placeholder={t('permits.value')} value={f.gas_value} onChange={set('gas_value')} inputMode="decimal" data-testid="pf-gas-value" />
          <input placeholder={t('permits.lel')} value={f.gas_lel} onChange={set('gas_lel')} inputMode="decimal" data-testid="pf-gas-lel" />
          {f.kind === 'confined_space' && (
            <input placeholder={t('permits.oxygen')} value={f.oxygen} onChange={set('oxygen')} inputMode="decimal" data-testid="pf-oxygen" />
          )}
          <input placeholder={t('permits.analyst')} value={f.analyst} onChange={set('analyst')} />
          {msg('gas_analyses')}
        </fieldset>
      )}
      {serverErr && !serverErr.field && <div className="bad">{serverErr.text}</div>}
      <div className="actions">
        <button type="submit" disabled={problems.length > 0} data-testid="pf-submit">
          {t('permits.submit')}
        </button>
        <button type="button" onClick={onDone}>
          {t('permits.cancelForm')}
        </button>
      </div>
    </form>
  );
}

function PermitStats({ model }: { model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const stats = usePermits((s) => s.stats);
  return (
    <>
      <h4>{t('permits.stats')}</h4>
      <table data-testid="permit-stats">
        <thead>
          <tr>
            <th>{t('permits.enterprise')}</th>
            <th>{t('permits.kind')}</th>
            <th>{t('permits.month')}</th>
            <th>{t('permits.nFiled')}</th>
            <th>{t('permits.nClosed')}</th>
            <th>{t('permits.nCancelled')}</th>
            <th>{t('permits.nSuspended')}</th>
            <th>{t('permits.nChecks')}</th>
            <th>{t('permits.nDeficient')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.map((r) => (
            <tr key={`${r.enterprise}|${r.kind}|${r.month}`} data-testid="permit-stats-row" data-enterprise={r.enterprise}>
              <td>{displayName(model.byId.get(r.enterprise)?.props, i18n.language, r.enterprise)}</td>
              <td>{opName(r.kind as SpecialOp, i18n.language)}</td>
              <td>{r.month}</td>
              <td>{r.filed}</td>
              <td>{r.closed}</td>
              <td>{r.cancelled}</td>
              <td>{r.suspended}</td>
              <td>{r.spot_checks}</td>
              <td>{r.deficient}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The hot-work and confined-space zones the layout file declares (with their own holders and window). */
function LayoutPermitZones({ model }: { model: ParkModel }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const status = useLive((s) => s.status);
  const now = Date.now();
  const zones = model.ofKind('zone').filter((z) => z.props.purpose === 'hot_work' || z.props.purpose === 'confined_space');
  if (!zones.length) return null;
  return (
    <>
      <h4>{t('permits.fromLayout')}</h4>
      <ul>
        {zones.map((z) => {
          const from = z.props.valid_from ? Date.parse(z.props.valid_from) : -Infinity;
          const to = z.props.valid_to ? Date.parse(z.props.valid_to) : Infinity;
          const active = now >= from && now <= to;
          const inside = status?.permitZones?.[z.id] ?? [];
          const holders = z.props.permit?.holders ?? [];
          const strangers = inside.filter((id) => !holders.includes(id));
          return (
            <li key={z.id} className={`permit${active ? ' active' : ''}`} data-testid="permit" data-zone={z.id}>
              <button type="button" className="link" onClick={() => flyToFeature(model, z.id, 200)}>
                {t(`zonePurpose.${z.props.purpose}`)} · {z.props.permit?.number ?? z.id}
              </button>
              <div className="hint">
                {Number.isFinite(from) ? fmt.dateTime(from) : '—'} – {Number.isFinite(to) ? fmt.dateTime(to) : '—'} ·{' '}
                {active ? t('permits.active') : t('permits.inactive')}
              </div>
              <div>
                {t('permits.holders')}: {holders.join(', ') || '—'}
              </div>
              <div data-testid="permit-inside">
                {t('permits.inside', { n: inside.length })}: {inside.join(', ') || '—'}
              </div>
              {strangers.length > 0 && <div className="bad">{t('permits.notOnPermit', { ids: strangers.join(', ') })}</div>}
            </li>
          );
        })}
      </ul>
    </>
  );
}
