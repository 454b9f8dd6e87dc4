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
import type { ParkModel } from '../model/model.ts';
import type { LayoutIssue } from '../model/validate.ts';
import { takeFiles, useDropped, useEditTool } from '../state/editDraft.ts';
import { useCamera } from '../state/camera.ts';
import { Snapper } from '../edit/snap.ts';
import { drawnGeometry, freeId, LINE_OR_POLYGON_KINDS, lngLat, movedBy, POINT_KINDS, rotated, row, type TreeNode, treeOf } from '../edit/ops.ts';
import { planner, usePlanner } from '../state/planner.ts';
import { useSelection } from '../state/selection.ts';

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
                              {t(`kind.${k}`)}
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

/** How long typing must pause before the edited feature is checked against the whole layout, ms. */
const FORM_CHECK_DELAY_MS = 150;

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
  // the whole layout is validated with the edit (its ids, references, fences and gates): at once when the
  // form opens, then once typing pauses — not on every keystroke, which on a large park would stall the input
  const [checked, setChecked] = useState<{ candidate: EditFeature; issues: LayoutIssue[] } | null>(null);
  const opened = checked !== null;
  useEffect(() => {
    if (Object.keys(parseErrors).length) return setChecked({ candidate, issues: [] });
    const timer = setTimeout(
      () => {
        const r = planner.tryEdit([candidate]);
        setChecked({ candidate, issues: 'issues' in r ? r.issues : [] });
      },
      opened ? FORM_CHECK_DELAY_MS : 0,
    );
    return () => clearTimeout(timer);
  }, [candidate, parseErrors, opened]);
  const checking = checked?.candidate !== candidate;
  const issues = checked?.issues ?? [];
  const id = String(props.id);
  const mine = (name: string) => issues.filter((i) => i.feature === id && (i.path === `properties.${name}` || i.path.startsWith(`properties.${name}.`)));
  const others = issues.filter(
    (i) => !(i.feature === id && fields.some((f) => i.path === `properties.${f.name}` || i.path.startsWith(`properties.${f.name}.`))),
  );
  // while a check is pending the last one's messages stay; applying validates anyway
  const ok = !Object.keys(parseErrors).length && (checking || !issues.length);
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
      data-checking={checking || undefined}
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) apply();
      }}
    >
      <h4>{isNew ? t('edit.newFeature', { kind: t(`kind.${kind}`) }) : id}</h4>
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

/** The layout as a tree (src/edit/ops.ts treeOf): enterprises, dikes with their tanks, installations with their sensors; filtered by id or name. */
function FeatureTree({ model }: { model: ParkModel }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const tree = useMemo(() => treeOf(model, q), [model, q]);
  const pick = (id: string) => {
    useSelection.getState().select(id);
    const f = model.byId.get(id);
    if (f) useCamera.getState().flyTo(f.anchor, 300);
  };
  const link = (id: string, name: string) => (
    <>
      <button type="button" className="link" onClick={() => pick(id)} data-testid="tree-item" data-id={id}>
        {id}
      </button>{' '}
      <span className="note">{name}</span>
    </>
  );
  const node = (n: TreeNode) => (
    <li key={n.feature.id}>
      {n.children.length ? (
        <details open={!!q}>
          <summary>
            {link(n.feature.id, String((n.feature.props as { name?: string }).name ?? ''))} ({n.children.length})
          </summary>
          <ul>{n.children.slice(0, 300).map(node)}</ul>
        </details>
      ) : (
        link(n.feature.id, String((n.feature.props as { name?: string }).name ?? ''))
      )}
    </li>
  );
  return (
    <section className="feature-tree" data-testid="feature-tree">
      <h4>{t('edit.tree')}</h4>
      <input placeholder={t('edit.treeFilter')} value={q} onChange={(e) => setQ(e.target.value)} data-testid="tree-filter" />
      <ul>
        {tree.enterprises.map((e) => (
          <li key={e.id}>
            <details open={!!q}>
              <summary>
                {link(e.id, e.name)} ({e.nodes.length})
              </summary>
              <ul>{e.nodes.slice(0, 300).map(node)}</ul>
            </details>
          </li>
        ))}
        {tree.rest.map(([k, nodes]) => (
          <li key={k}>
            <details open={!!q}>
              <summary>
                {t(`kind.${k}`)} ({nodes.length})
              </summary>
              <ul>{nodes.slice(0, 300).map(node)}</ul>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Several features picked with shift-click: moved together by an offset, or deleted, as one step of undo. */
function MultiActions({ act }: { act: (features: EditFeature[], what: string, remove?: string[]) => void }) {
  const { t } = useTranslation();
  const multi = useSelection((s) => s.multi);
  const model = usePlanner((s) => s.model);
  const [d, setD] = useState({ east: '10', north: '0' });
  // what an edit removed leaves the selection
  const ids = multi.filter((id) => model?.byId.has(id));
  if (!ids.length || !model) return null;
  const features = () => (planner.editedLayout()?.features ?? []).filter((f) => ids.includes(f.properties.id));
  return (
    <div className="multi-actions" data-testid="multi-actions">
      <div className="planner-bar">
        <b>{t('edit.multi', { n: ids.length })}</b> <span className="note">{ids.slice(0, 8).join(', ')}</span>
      </div>
      <div className="planner-bar">
        {t('edit.moveBy')}
        <input value={d.east} size={4} onChange={(e) => setD({ ...d, east: e.target.value })} data-testid="move-east" />
        {t('edit.north')}
        <input value={d.north} size={4} onChange={(e) => setD({ ...d, north: e.target.value })} data-testid="move-north" />
        <button
          type="button"
          data-testid="multi-move"
          onClick={() => {
            const [dx, dy] = [Number(d.east), Number(d.north)];
            if (Number.isFinite(dx) && Number.isFinite(dy)) act(movedBy(model, features(), dx, dy), t('edit.moved', { n: ids.length }));
          }}
        >
          {t('edit.move')}
        </button>
        <button type="button" className="danger" data-testid="multi-delete" onClick={() => act([], t('edit.deleted', { n: ids.length }), ids)}>
          {t('edit.delete')}
        </button>
        <button type="button" onClick={() => useSelection.getState().clearMulti()} data-testid="multi-clear">
          {t('edit.clear')}
        </button>
      </div>
    </div>
  );
}

export function EditTab() {
  const { t } = useTranslation();
  const model = usePlanner((s) => s.model);
  const selectedId = useSelection((s) => s.selectedId);
  const tool = useEditTool((s) => s.current);
  const [kind, setKind] = useState<Kind>('tank');
  const [drawKind, setDrawKind] = useState<Kind>('building');
  const [draft, setDraft] = useState<EditFeature | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [rowSpec, setRowSpec] = useState({ count: '3', spacing: '30', heading: '90' });
  const [turn, setTurn] = useState('15');
  const [message, setMessage] = useState<string | null>(null);
  const snapper = useMemo(() => (model ? new Snapper(model) : null), [model]);
  const [lastSnap, setLastSnap] = useState<string | null>(null);
  useEffect(() => () => useEditTool.setState({ current: null }), []);
  // placing: the first click on the twin puts the new feature there, like the feature selected when
  // placing began (one click may select several things in turn: a see-through zone, then the ground);
  // drawing: each click adds a vertex, snapped to the layout's vertices and edges, else to the grid
  useEffect(() => {
    if (!tool || tool.tool === 'reshape' || !model || !snapper) return;
    const likeId = useSelection.getState().selectedId;
    let placed = false;
    return useSelection.subscribe((s, prev) => {
      if (placed || !s.place || s.place === prev.place) return;
      const cur = useEditTool.getState().current;
      if (!cur) return;
      if (cur.tool === 'draw') {
        const snap = snapper.snap(s.place, cur.points);
        setLastSnap(snap.to === 'vertex' || snap.to === 'edge' ? `${snap.to}${snap.id ? ` ${snap.id}` : ''}` : snap.to);
        placed = true; // one vertex per click; the next click subscribes anew (the points changed)
        useEditTool.setState({ current: { ...cur, points: [...cur.points, snap.point] } });
        return;
      }
      placed = true;
      const like = likeId ? model.byId.get(likeId) : undefined;
      const base = like?.kind === cur.kind ? { ...(like.feature.properties as Record<string, unknown>) } : {};
      delete base.name;
      delete base.name_en;
      setDraft({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: lngLat(model, s.place) },
        properties: { ...base, kind: cur.kind, id: freeId(model, cur.kind) },
      } as unknown as EditFeature);
      setEditing(null);
      useEditTool.setState({ current: null });
    });
  }, [tool, model, snapper]);
  const finishDrawing = () => {
    if (tool?.tool !== 'draw' || !model) return;
    const geometry = drawnGeometry(model, tool.kind, tool.points);
    if (!geometry) return;
    setDraft({ type: 'Feature', geometry, properties: { kind: tool.kind, id: freeId(model, tool.kind) } } as unknown as EditFeature);
    setEditing(null);
    useEditTool.setState({ current: null });
  };
  // the feature being edited, as the edited layout has it (its moves applied)
  const current = useMemo(
    () => (editing && model ? (planner.editedLayout()?.features.find((f) => f.properties.id === editing) ?? null) : null),
    [editing, model],
  );
  const selected = selectedId && model?.byId.get(selectedId);
  const selectedFeature = () => (selectedId ? (planner.editedLayout()?.features.find((f) => f.properties.id === selectedId) ?? null) : null);
  const act = (features: EditFeature[], what: string, remove: string[] = []) => {
    const issues = planner.edit(features, remove);
    setMessage(
      issues ? `${t('edit.invalid', { n: issues.length })} ${issues[0] ? `${issues[0].feature}: ${issues[0].path}: ${issues[0].message}` : ''}` : what,
    );
  };
  return (
    <div className="edit-tab" data-testid="edit-tab">
      <ImportSection />
      <section>
        <h4>{t('edit.place')}</h4>
        <div className="planner-bar">
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="place-kind">
            {POINT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={tool?.tool === 'place' ? 'active' : ''}
            onClick={() => useEditTool.setState({ current: tool?.tool === 'place' ? null : { tool: 'place', kind, points: [] } })}
            data-testid="place-start"
          >
            {tool?.tool === 'place' ? t('edit.placing') : t('edit.placeStart')}
          </button>
        </div>
        <div className="planner-bar">
          <select value={drawKind} onChange={(e) => setDrawKind(e.target.value as Kind)} data-testid="draw-kind">
            {LINE_OR_POLYGON_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
          {tool?.tool !== 'draw' ? (
            <button type="button" onClick={() => useEditTool.setState({ current: { tool: 'draw', kind: drawKind, points: [] } })} data-testid="draw-start">
              {t('edit.drawStart')}
            </button>
          ) : (
            <>
              <span data-testid="draw-count">{t('edit.drawn', { n: tool.points.length, snap: lastSnap ?? '—' })}</span>
              <button type="button" onClick={finishDrawing} disabled={!model || !drawnGeometry(model, tool.kind, tool.points)} data-testid="draw-finish">
                {t('edit.finish')}
              </button>
              <button
                type="button"
                onClick={() => useEditTool.setState({ current: { ...tool, points: tool.points.slice(0, -1) } })}
                disabled={!tool.points.length}
              >
                {t('edit.removeLast')}
              </button>
              <button type="button" onClick={() => useEditTool.setState({ current: null })}>
                {t('edit.cancel')}
              </button>
            </>
          )}
        </div>
        <p className="note">{t('edit.snapHint')}</p>
        {selected && !draft && (
          <div className="selected-actions" data-testid="selected-actions">
            <div className="planner-bar">
              <b>{selected.id}</b>
              {editing !== selected.id && (
                <button type="button" onClick={() => setEditing(selected.id)} data-testid="edit-selected">
                  {t('edit.properties')}
                </button>
              )}
            </div>
            {selected.local.type === 'Point' ? (
              <div className="planner-bar">
                {t('edit.row')}
                <input value={rowSpec.count} size={2} onChange={(e) => setRowSpec({ ...rowSpec, count: e.target.value })} data-testid="row-count" />
                {t('edit.rowSpacing')}
                <input value={rowSpec.spacing} size={4} onChange={(e) => setRowSpec({ ...rowSpec, spacing: e.target.value })} data-testid="row-spacing" />
                {t('edit.rowHeading')}
                <input value={rowSpec.heading} size={4} onChange={(e) => setRowSpec({ ...rowSpec, heading: e.target.value })} data-testid="row-heading" />
                <button
                  type="button"
                  data-testid="row-apply"
                  onClick={() => {
                    const f = selectedFeature();
                    const n = Math.min(50, Math.max(1, Math.round(Number(rowSpec.count))));
                    if (f && model && Number(rowSpec.spacing) > 0)
                      act(row(model, f, n, Number(rowSpec.spacing), Number(rowSpec.heading) || 0), t('edit.rowDone', { n }));
                  }}
                >
                  {t('edit.duplicate')}
                </button>
              </div>
            ) : (
              <div className="planner-bar">
                <button
                  type="button"
                  className={tool?.tool === 'reshape' ? 'active' : ''}
                  onClick={() =>
                    useEditTool.setState({ current: tool?.tool === 'reshape' ? null : { tool: 'reshape', kind: selected.kind, points: [], id: selected.id } })
                  }
                  data-testid="reshape"
                >
                  {tool?.tool === 'reshape' ? t('edit.reshapeDone') : t('edit.reshape')}
                </button>
                {t('edit.rotate')}
                <input value={turn} size={4} onChange={(e) => setTurn(e.target.value)} data-testid="rotate-deg" />°
                <button
                  type="button"
                  data-testid="rotate-apply"
                  onClick={() => {
                    const f = selectedFeature();
                    if (f && model && Number.isFinite(Number(turn))) act([rotated(model, f, Number(turn))], t('edit.rotated', { deg: Number(turn) }));
                  }}
                >
                  {t('edit.apply')}
                </button>
              </div>
            )}
          </div>
        )}
        <MultiActions act={act} />
        {message && (
          <p className="note" role="status" data-testid="edit-message">
            {message}
          </p>
        )}
      </section>
      {draft && <FeatureForm key={draft.properties.id} feature={draft} isNew onDone={() => setDraft(null)} />}
      {!draft && current && <FeatureForm key={current.properties.id} feature={current} isNew={false} onDone={() => setEditing(null)} />}
      {model && <FeatureTree model={model} />}
    </div>
  );
}
