/**
 * The app shell: loads the layout from the server, validates it with the same model code as the
 * CLI and the server, and shows the plant view with its panels.
 */
import { DrillBanner } from './DrillBanner.tsx';
import { fetchLayout } from '../net/layout.ts';
import { type LayoutAnswer, startBoot, takeBoot } from '../net/boot.ts';
import { connectLive, onLayoutSwitched } from '../net/live.ts';
import { useLayoutVersion } from '../state/layoutVersion.ts';
import { useDrill } from '../state/drill.ts';
import { takeFiles } from '../state/editDraft.ts';
import { useLive } from '../state/live.ts';
import { loadTiers } from '../net/tiers.ts';
import { SearchBox } from './common/SearchBox.tsx';
import { SignInForm } from './common/SignInForm.tsx';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParkModel } from '../model/model.ts';
import { PlantView } from '../scene/plant/PlantView.tsx';
import { FIRST_FRAME_EVENT, firstFrameDrawn } from '../scene/plant/FirstFrame.tsx';
import { LiveOverlay } from '../overlays/plant/LiveOverlay.tsx';
import { PlannerOverlay } from '../overlays/plant/PlannerOverlay.tsx';
import { planner, usePlanner } from '../state/planner.ts';
import { ViewTools } from './ViewTools.tsx';
import { InfoPanel } from './InfoPanel.tsx';
import { PlannerPanel } from './PlannerPanel.tsx';
import { CommandPanel, ConnectionBadge, KpiStrip } from './command/CommandCentre.tsx';
import { VideoWall } from './command/VideoWall.tsx';
import { HoverCard } from './command/LivePanels.tsx';
import type { LiveLayers } from '../overlays/liveStyle.ts';

// Cesium is heavy: the geo view is its own chunk, loaded the first time it opens.
const GeoView = lazy(() => import('../scene/globe/GeoView.tsx'));

export type ViewMode = 'plant' | 'geo' | 'split';

function initialView(): ViewMode {
  const v = new URLSearchParams(window.location.search).get('view');
  return v === 'geo' || v === 'split' ? v : 'plant';
}

type Load = { state: 'loading' } | { state: 'sign-in' } | { state: 'error'; message: string } | { state: 'ready'; model: ParkModel };

/** Work put off until the plant view's first frame waits at most this long (the geo view alone draws no plant frame). */
const AFTER_FIRST_FRAME_AT_LATEST_ms = 2000;

/**
 * Runs `fn` once, after the plant view's first frame (or after AFTER_FIRST_FRAME_AT_LATEST_ms): in a
 * task of its own, so the frame is on screen before the work starts.
 */
function afterFirstFrame(fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    window.removeEventListener(FIRST_FRAME_EVENT, soon);
    fn();
  };
  const soon = () => setTimeout(run, 0);
  if (firstFrameDrawn()) return void soon(); // a layout loaded again: the park is on screen already
  window.addEventListener(FIRST_FRAME_EVENT, soon);
  setTimeout(run, AFTER_FIRST_FRAME_AT_LATEST_ms);
}

/** Reads the layout in force (or takes the one the page's first script asked for) and puts it in place: the planner on it, its version, the page ready. */
async function loadLayout(setLoad: (l: Load) => void, cancelled: () => boolean = () => false, requested?: LayoutAnswer): Promise<ParkModel | null> {
  const { model, version } = await fetchLayout(requested);
  if (cancelled()) return null;
  performance.mark('parktwin:model');
  // the twin's first frame does not need the planner's checks (the KPI strip's GB 18218 units follow it)
  planner.open(model, { later: usePlanner.getState().mode !== 'planner' });
  afterFirstFrame(() => planner.openPending());
  useLayoutVersion.setState({ version, pending: null });
  setLoad({ state: 'ready', model });
  return model;
}

/** Loads the layout in force again (another version came into force) and reconnects the live park on it. */
async function reloadLayout(setLoad: (l: Load) => void): Promise<void> {
  try {
    const model = await loadLayout(setLoad);
    if (model && !useDrill.getState().id) void connectLive(model);
  } catch (e) {
    setLoad({ state: 'error', message: (e as Error).message });
  }
}

export function App() {
  const { t, i18n } = useTranslation();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [view, setView] = useState<ViewMode>(initialView);
  const [layers, setLayers] = useState<LiveLayers>({ hazards: true, sensors: true, people: true, trails: true, events: true, cameras: true });
  const [signedIn, setSignedIn] = useState(0);
  // the panels over the view come after the plant view's first frame (the park on screen first)
  const [panelsNow, setPanelsNow] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `signedIn` is the trigger: signing in again loads the session and the layout again
  useEffect(() => {
    let cancelled = false;
    // the first time, what the page's first script started (src/net/boot.ts); after a sign-in, the same again
    (takeBoot() ?? startBoot())
      .then(async ({ signedIn: ok, layout }) => {
        performance.mark('parktwin:session');
        if (!ok) {
          if (!cancelled) setLoad({ state: 'sign-in' });
          return;
        }
        if (new URLSearchParams(window.location.search).get('mode') === 'planner') usePlanner.getState().setMode('planner');
        const model = await loadLayout(setLoad, () => cancelled, layout ?? undefined);
        if (!model) return;
        // the live park in either mode (a planner's page learns of a new layout version too), once
        // the park is on screen: its snapshot and first updates are not in the first frame's way
        afterFirstFrame(() => {
          if (cancelled) return;
          void loadTiers();
          if (useLive.getState().connection === 'signed-out') void connectLive(model);
          setPanelsNow(true); // connecting already: the command panel comes at its full size
        });
      })
      .catch((e: Error) => !cancelled && setLoad({ state: 'error', message: e.message }));
    return () => {
      cancelled = true;
    };
  }, [signedIn]);
  // another layout version came into force: load it and reconnect — unless the planner has edits
  // not saved (they would be lost: the page asks first), or they are being saved as that version
  useEffect(
    () =>
      onLayoutSwitched((v) => {
        void (async () => {
          if (useLayoutVersion.getState().saving)
            await new Promise<void>((done) => {
              const off = useLayoutVersion.subscribe((s) => !s.saving && (off(), done()));
            });
          const unsaved = usePlanner.getState().history.length > 0 && useLayoutVersion.getState().savedVersion !== v.version;
          if (unsaved) useLayoutVersion.setState({ pending: v });
          else await reloadLayout(setLoad);
        })();
      }),
    [],
  );
  const pending = useLayoutVersion((s) => s.pending);
  const layoutVersion = useLayoutVersion((s) => s.version);
  // the planner shows the layout as edited (or an import not yet accepted); the twin the one in force
  const edited = usePlanner((s) => s.model);
  const preview = usePlanner((s) => s.preview);
  const lang = i18n.language;
  const mode = usePlanner((s) => s.mode);
  const units = usePlanner((s) => s.units);
  const setMode = usePlanner((s) => s.setMode);
  const switchLang = () => {
    const next = lang === 'en' ? 'zh-CN' : 'en';
    void i18n.changeLanguage(next);
    document.documentElement.lang = next;
  };
  // the panels over the view after the plant view's first frame; at once in the planner's mode or without the plant view
  const panels = panelsNow || mode === 'planner' || view === 'geo';
  const shown = load.state === 'ready' ? (mode === 'planner' ? (preview ?? edited ?? load.model) : load.model) : null;
  const name =
    load.state === 'ready'
      ? lang === 'en'
        ? (load.model.layout.features.find((f) => f.properties.kind === 'park')?.properties.name_en ?? load.model.meta.name)
        : load.model.meta.name
      : undefined;
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        {name && (
          <span className="park-name" title={name}>
            {name}
          </span>
        )}
        {layoutVersion !== null && (
          <span className="layout-version" title={t('layout.versionTitle')} data-testid="layout-version">
            v{layoutVersion}
          </span>
        )}
        {shown && (
          <span className="counts" data-testid="counts">
            {(['tank', 'process_unit', 'building', 'sensor', 'protected_target'] as const).map((k) => (
              <span key={k} data-kind={k}>
                {t(`counts.${k}`)} <b>{shown.ofKind(k).length}</b>
              </span>
            ))}
          </span>
        )}
        {shown && <SearchBox model={shown} />}
        <span className="modes" role="tablist">
          {(['twin', 'planner'] as const).map((m) => (
            <button
              type="button"
              key={m}
              role="tab"
              aria-selected={mode === m}
              className={mode === m ? 'active' : ''}
              onClick={() => setMode(m)}
              data-testid={`mode-${m}`}
            >
              {t(`mode.${m}`)}
            </button>
          ))}
        </span>
        <span className="modes" role="tablist">
          {(['plant', 'geo', 'split'] as const).map((v) => (
            <button
              type="button"
              key={v}
              role="tab"
              aria-selected={view === v}
              className={view === v ? 'active' : ''}
              onClick={() => setView(v)}
              data-testid={`view-${v}`}
            >
              {t(`view.${v}`)}
            </button>
          ))}
        </span>
        {load.state === 'ready' && <ConnectionBadge />}
        <button type="button" className="lang" onClick={switchLang} data-testid="lang">
          {t('lang.switch')}
        </button>
      </header>
      {load.state === 'ready' && <DrillBanner model={load.model} />}
      {pending && (
        <div className="layout-notice" role="status" data-testid="layout-pending">
          {t('layout.pending', { version: pending.version, author: pending.author, comment: pending.comment || '—' })}
          <button type="button" onClick={() => void reloadLayout(setLoad)} data-testid="layout-load">
            {t('layout.load')}
          </button>
        </div>
      )}
      {load.state === 'ready' && mode === 'twin' && <KpiStrip model={load.model} units={units} />}
      <main className="views">
        {load.state === 'loading' && <div className="status">{t('app.loading')}</div>}
        {load.state === 'sign-in' && (
          <div className="status signin-page">
            <SignInForm onSignedIn={() => setSignedIn((n) => n + 1)} />
          </div>
        )}
        {load.state === 'error' && (
          <div className="status error" role="alert">
            <b>{t('app.loadFailed')}</b>
            <pre>{load.message}</pre>
          </div>
        )}
        {load.state === 'ready' && (
          <>
            <div className={`view-grid ${view}`}>
              {view !== 'geo' && (
                // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for files; the Edit tab's file input does the same from the keyboard
                <div
                  className="pane"
                  onDragOver={(e) => mode === 'planner' && e.preventDefault()}
                  onDrop={(e) => {
                    if (mode !== 'planner') return;
                    e.preventDefault();
                    void takeFiles(e.dataTransfer.files);
                  }}
                  data-testid="plant-pane"
                >
                  <PlantView model={shown!} lang={lang}>
                    {mode === 'planner' && <PlannerOverlay model={shown!} />}
                    {mode === 'twin' && <LiveOverlay model={load.model} layers={layers} />}
                  </PlantView>
                  <ViewTools model={shown!} />
                </div>
              )}
              {view !== 'plant' && (
                <div className="pane">
                  <Suspense fallback={<div className="status">{t('app.loading')}</div>}>
                    <GeoView model={shown!} lang={lang} />
                  </Suspense>
                </div>
              )}
            </div>
            {panels && mode === 'planner' && <PlannerPanel model={shown!} />}
            {panels && mode === 'twin' && <CommandPanel model={load.model} layers={layers} setLayers={setLayers} />}
            {panels && mode === 'twin' && <VideoWall model={load.model} />}
            {panels && <InfoPanel model={shown!} />}
            {panels && <HoverCard model={load.model} />}
          </>
        )}
      </main>
    </div>
  );
}
