/**
 * The planner's Edit tab: bring a site plan in (a DXF, OSM, KML or Shapefile dropped on the plant
 * view or chosen here — shown on the plant view, layer → kind chosen in the dialog, nothing applied
 * until accepted), place features by a click on the twin, and change any feature's properties in a
 * form generated from the layout schema with the validator's messages next to the fields. Every edit
 * is one step of the planner's undo, and the checks of every tab follow it.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditFeature } from '../edit/plannerSession.ts';
import { fieldText, fieldValue, formFields } from '../edit/fields.ts';
import { mergeImport, type Merged } from '../edit/merge.ts';
import type { ImportMapping, ImportResult } from '../import/dxf.ts';
import { IMPORT_KINDS, type ImportKind } from '../import/kinds.ts';
import type { Kind } from '../model/enums.ts';
import { KINDS } from '../model/enums.ts';
import type { ParkModel } from '../model/model.ts';
import { GEOMETRY_TYPES } from '../model/schema.ts';
import type { LayoutIssue } from '../model/validate.ts';
import { takeFiles, useDropped } from '../state/importDraft.ts';
import { planner, usePlanner } from '../state/planner.ts';
import { useSelection } from '../state/selection.ts';

const POINT_KINDS = KINDS.filter((k) => (GEOMETRY_TYPES as Record<string, readonly string[]>)[k]?.includes('Point'));
const textOf = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes);

type ImportState = { result: ImportResult; merged: Merged; issues: LayoutIssue[] } | { error: string } | null;

function ImportSection() {
  const { t } = useTranslation();
  const dropped = useDropped();
  const [crs, setCrs] = useState('');
  const [control, setControl] = useState('');
  const [layers, setLayers] = useState<Record<string, ImportKind | null>>({});
  const [state, setState] = useState<ImportState>(null);
  const [done, setDone] = useState<string | null>(null);
  // a new drop starts with the file's own layers
  // biome-ignore lint/correctness/useExhaustiveDependencies: `dropped.seq` is the trigger
  useEffect(() => setLayers({}), [dropped.seq]);
  useEffect(() => {
    const files = dropped.files;
    if (!files) return;
    let live = true;
    void (async () => {
      try {
        const mapFile = files.find((f) => /\.json$/i.test(f.name));
        const mapping = mapFile ? (JSON.parse(textOf(mapFile.bytes)) as ImportMapping) : undefined;
        // the importers (DXF, OSM, KML, Shapefile readers, proj4) load when a file is first dropped
        const { importFiles } = await import('../import/files.ts');
        const result = await importFiles(files, { crs, control, mapping, layers });
        const base = planner.editedLayout();
        if (!live || !base) return;
        const merged = mergeImport(base, result.layout.features);
        const tried = planner.tryEdit(merged.features as EditFeature[]);
        planner.preview('model' in tried ? tried.model : null);
        setState({ result, merged, issues: 'issues' in tried ? tried.issues : [] });
      } catch (e) {
        if (!live) return;
        planner.preview(null);
        setState({ error: (e as Error).message });
      }
    })();
    return () => {
      live = false;
    };
  }, [dropped.files, crs, control, layers]);
  const close = () => {
    useDropped.setState({ files: null });
    planner.preview(null);
    setState(null);
  };
  const accept = () => {
    if (!state || 'error' in state) return;
    const issues = planner.edit(state.merged.features as EditFeature[]);
    if (issues) return setState({ ...state, issues });
    setDone(t('edit.imported', { n: state.merged.features.length }));
    close();
  };
  return (
    <section className="edit-import" data-testid="import-section">
      <h4>{t('edit.import')}</h4>
      <p className="note">{t('edit.importHint')}</p>
      <div className="planner-bar">
        <input type="file" multiple onChange={(e) => e.target.files && void takeFiles(e.target.files)} data-testid="import-file" />
      </div>
      <div className="planner-bar">
        <label>
          {t('edit.crs')} <input value={crs} placeholder="EPSG:4527" onChange={(e) => setCrs(e.target.value)} data-testid="import-crs" />
        </label>
      </div>
      <details>
        <summary>{t('edit.control')}</summary>
        <textarea rows={3} value={control} placeholder="x,y,lon,lat" onChange={(e) => setControl(e.target.value)} data-testid="import-control" />
      </details>
      {done && !dropped.files && (
        <p className="ok" role="status" data-testid="import-done">
          {done}
        </p>
      )}
      {dropped.files && (
        <div className="import-dialog" role="dialog" aria-label={t('edit.import')} data-testid="import-dialog">
          <b>{dropped.files.map((f) => f.name).join(', ')}</b>
          {state && 'error' in state && (
            <p className="error" role="alert" data-testid="import-error">
              {state.error}
            </p>
          )}
          {state && 'result' in state && (
            <>
              <p className="note">
                {state.result.report.units} · {state.result.report.placement}
              </p>
              <table className="checks" data-testid="import-layers">
                <thead>
                  <tr>
                    <th>{t('edit.layer')}</th>
                    <th>{t('edit.entities')}</th>
                    <th>{t('edit.kind')}</th>
                    <th>{t('edit.features')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.result.report.layers.map((l) => (
                    <tr key={l.layer} data-testid="import-layer" data-layer={l.layer}>
                      <td>{l.layer}</td>
                      <td className="n">{l.entities}</td>
                      <td>
                        <select
                          value={(l.layer in layers ? layers[l.layer] : l.kind) ?? ''}
                          onChange={(e) => setLayers({ ...layers, [l.layer]: (e.target.value || null) as ImportKind | null })}
                          data-testid="import-kind"
                        >
                          <option value="">{t('edit.leaveOut')}</option>
                          {IMPORT_KINDS.map((k) => (
                            <option key={k} value={k}>
                              {t(`counts.${k}`, { defaultValue: k })}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="n">{l.features}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ul className="import-report">
                {state.result.report.warnings.map((w) => (
                  <li key={`w${w}`} className="warning">
                    {w}
                  </li>
                ))}
                {state.result.report.guesses.map((g) => (
                  <li key={`g${g}`}>{t('edit.guessed', { what: g })}</li>
                ))}
                {state.result.report.defaults.map((d) => (
                  <li key={`d${d}`}>{t('edit.filled', { what: d })}</li>
                ))}
                {state.result.report.skipped.map((k) => (
                  <li key={`s${k.layer}${k.type}`}>{t('edit.skipped', { count: k.count, type: k.type, layer: k.layer, why: k.why })}</li>
                ))}
                {state.merged.leftOut.map((l) => (
                  <li key={`l${l.id}`}>{t('edit.skipped', { count: 1, type: l.kind, layer: l.id, why: l.why })}</li>
                ))}
                {Object.entries(state.merged.renamed).map(([a, b]) => (
                  <li key={`r${a}`}>{t('edit.renamed', { from: a, to: b })}</li>
                ))}
              </ul>
              {state.issues.length > 0 && (
                <div className="error" role="alert" data-testid="import-issues">
                  {t('edit.invalid', { n: state.issues.length })}
                  <ul>
                    {state.issues.slice(0, 12).map((i) => (
                      <li key={`${i.feature}|${i.path}|${i.message}`}>
                        {i.feature}: {i.path}: {i.message}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          )}
          <div className="planner-bar">
            <button
              type="button"
              onClick={accept}
              disabled={!state || 'error' in state || state.issues.length > 0 || state.merged.features.length === 0}
              data-testid="import-accept"
            >
              {t('edit.accept', { n: state && 'merged' in state ? state.merged.features.length : 0 })}
            </button>
            <button type="button" onClick={close} data-testid="import-cancel">
              {t('edit.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** An id of the kind not taken yet (`TANK-NEW-1` …). */
function freeId(model: ParkModel, kind: Kind): string {
  const stem = `${kind.toUpperCase().replace(/_/g, '-')}-NEW-`;
  let n = 1;
  while (model.byId.has(`${stem}${n}`)) n++;
  return `${stem}${n}`;
}

/** A feature's properties in a form from the layout schema; the validator's messages next to the fields. */
function FeatureForm({ feature, isNew, onDone }: { feature: EditFeature; isNew: boolean; onDone(): void }) {
  const { t } = useTranslation();
  const kind = feature.properties.kind as Kind;
  const fields = useMemo(() => formFields(kind), [kind]);
  const props = feature.properties as Record<string, unknown>;
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, fieldText(f, props[f.name])])));
  const [applied, setApplied] = useState<LayoutIssue[] | null>(null);
  const { candidate, parseErrors } = useMemo(() => {
    const next: Record<string, unknown> = { ...props };
    const errors: Record<string, string> = {};
    for (const f of fields) {
      const v = fieldValue(f, texts[f.name] ?? '');
      if ('error' in v) errors[f.name] = v.error;
      else if (v.value === undefined) delete next[f.name];
      else next[f.name] = v.value;
    }
    next.kind = kind;
    next.id = props.id;
    return { candidate: { ...feature, properties: next } as EditFeature, parseErrors: errors };
  }, [texts, fields, props, feature, kind]);
  const issues = useMemo(() => {
    if (Object.keys(parseErrors).length) return [];
    const r = planner.tryEdit([candidate]);
    return 'issues' in r ? r.issues : [];
  }, [candidate, parseErrors]);
  const id = String(props.id);
  const mine = (name: string) => issues.filter((i) => i.feature === id && (i.path === `properties.${name}` || i.path.startsWith(`properties.${name}.`)));
  const others = issues.filter(
    (i) => !(i.feature === id && fields.some((f) => i.path === `properties.${f.name}` || i.path.startsWith(`properties.${f.name}.`))),
  );
  const ok = !Object.keys(parseErrors).length && !issues.length;
  const apply = () => {
    const r = planner.edit([candidate]);
    setApplied(r);
    if (!r) {
      useSelection.getState().select(id);
      onDone();
    }
  };
  return (
    <form
      className="feature-form"
      data-testid="feature-form"
      data-feature={id}
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) apply();
      }}
    >
      <h4>{isNew ? t('edit.newFeature', { kind: t(`counts.${kind}`, { defaultValue: kind }) }) : id}</h4>
      {fields.map((f) => (
        <div key={f.name} className={`field${f.required ? ' required' : ''}`} data-field={f.name}>
          <label htmlFor={`field-${f.name}`}>
            {f.name}
            {f.unit ? ` (${f.unit})` : ''}
            {f.required ? ' *' : ''}
          </label>
          {f.type === 'enum' ? (
            <select
              id={`field-${f.name}`}
              value={texts[f.name] ?? ''}
              onChange={(e) => setTexts({ ...texts, [f.name]: e.target.value })}
              data-testid={`field-${f.name}`}
            >
              <option value="">—</option>
              {f.options!.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`field-${f.name}`}
              value={texts[f.name] ?? ''}
              readOnly={f.name === 'id' && !isNew}
              inputMode={f.type === 'number' || f.type === 'integer' ? 'decimal' : undefined}
              onChange={(e) => setTexts({ ...texts, [f.name]: e.target.value })}
              data-testid={`field-${f.name}`}
            />
          )}
          {(parseErrors[f.name] ? [parseErrors[f.name]] : mine(f.name).map((i) => i.message)).map((m) => (
            <em key={m} className="field-error" data-testid="field-error">
              {m}
            </em>
          ))}
        </div>
      ))}
      {others.length > 0 && (
        <ul className="error">
          {others.slice(0, 8).map((i) => (
            <li key={`${i.feature}|${i.path}|${i.message}`}>
              {i.feature}: {i.path}: {i.message}
            </li>
          ))}
        </ul>
      )}
      {applied && <p className="error">{t('edit.invalid', { n: applied.length })}</p>}
      <div className="planner-bar">
        <button type="submit" disabled={!ok} data-testid="feature-apply">
          {isNew ? t('edit.add') : t('edit.apply')}
        </button>
        <button type="button" onClick={onDone}>
          {t('edit.cancel')}
        </button>
        {!isNew && (
          <button
            type="button"
            className="danger"
            onClick={() => {
              const r = planner.edit([], [id]);
              if (!r) useSelection.getState().select(null), onDone();
              else setApplied(r);
            }}
            data-testid="feature-delete"
          >
            {t('edit.delete')}
          </button>
        )}
      </div>
    </form>
  );
}

export function EditTab() {
  const { t } = useTranslation();
  const model = usePlanner((s) => s.model);
  const selectedId = useSelection((s) => s.selectedId);
  const [kind, setKind] = useState<Kind>('tank');
  const [placing, setPlacing] = useState(false);
  const [draft, setDraft] = useState<EditFeature | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // placing: the next click on the twin puts the new feature there (like the selected one of its kind, when there is one)
  useEffect(() => {
    if (!placing) return;
    // like the feature selected when placing began; the first click places (one click may select
    // several things in turn: a see-through zone, then the ground)
    const likeId = useSelection.getState().selectedId;
    let placed = false;
    return useSelection.subscribe((s, prev) => {
      if (placed || !s.place || s.place === prev.place || !model) return;
      placed = true;
      const like = likeId ? model.byId.get(likeId) : undefined;
      const base = like?.kind === kind ? { ...(like.feature.properties as Record<string, unknown>) } : {};
      delete base.name;
      delete base.name_en;
      const [lon, lat] = model.frame.toLngLat(s.place);
      const round = (v: number) => Math.round(v * 1e8) / 1e8;
      setDraft({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [round(lon), round(lat)] },
        properties: { ...base, kind, id: freeId(model, kind) },
      } as unknown as EditFeature);
      setEditing(null);
      setPlacing(false);
    });
  }, [placing, kind, model]);
  // the feature being edited, as the edited layout has it (its moves applied)
  const current = useMemo(
    () => (editing && model ? (planner.editedLayout()?.features.find((f) => f.properties.id === editing) ?? null) : null),
    [editing, model],
  );
  return (
    <div className="edit-tab" data-testid="edit-tab">
      <ImportSection />
      <section>
        <h4>{t('edit.place')}</h4>
        <div className="planner-bar">
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="place-kind">
            {POINT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`counts.${k}`, { defaultValue: k })}
              </option>
            ))}
          </select>
          <button type="button" className={placing ? 'active' : ''} onClick={() => setPlacing(!placing)} data-testid="place-start">
            {placing ? t('edit.placing') : t('edit.placeStart')}
          </button>
        </div>
        {selectedId && model?.byId.has(selectedId) && !draft && editing !== selectedId && (
          <div className="planner-bar">
            <span>{selectedId}</span>
            <button type="button" onClick={() => setEditing(selectedId)} data-testid="edit-selected">
              {t('edit.properties')}
            </button>
          </div>
        )}
      </section>
      {draft && <FeatureForm key={draft.properties.id} feature={draft} isNew onDone={() => setDraft(null)} />}
      {!draft && current && <FeatureForm key={current.properties.id} feature={current} isNew={false} onDone={() => setEditing(null)} />}
    </div>
  );
}
