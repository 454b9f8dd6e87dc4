/**
 * The video wall of the twin: a live panel per camera opened — by a click on the camera, or by the
 * linkage (src/state/video.ts): a new alarm, breach or analytics event, or the emergency scenario's
 * source, opens the cameras that see its place, nearest first. Streams are HLS, played by hls.js
 * (loaded with the first panel) or natively where the browser plays HLS itself (Safari).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelFeature, ParkModel } from '../../model/model.ts';
import { displayName } from '../../model/names.ts';
import { useEmergency } from '../../state/emergency.ts';
import { useLive } from '../../state/live.ts';
import { useSelection } from '../../state/selection.ts';
import { camerasFor, linkEvents, useVideo, type VideoPanel } from '../../state/video.ts';
import { flyToFeature } from './shared.ts';

/** Events older than this when they arrive (a reconnect's backlog) open nothing, ms. */
const LINK_FRESH_MS = 120_000;
const RETRY_S = 5;

/** A live stream in a video element; `onFail` once it cannot be played (its parent tries again with a new player). */
function Player({ url, poster, onFail }: { url: string; poster?: string; onFail(): void }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    let disposed = false;
    let destroy = () => {};
    const fail = () => !disposed && onFail();
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = url;
      video.addEventListener('error', fail);
      destroy = () => video.removeEventListener('error', fail);
    } else {
      void import('hls.js').then(({ default: Hls }) => {
        if (disposed) return;
        if (!Hls.isSupported()) return fail();
        // no worker: the CSP admits workers from this origin and blob: only for Cesium's needs; the demux is light
        const hls = new Hls({ enableWorker: false, liveSyncDurationCount: 2, manifestLoadingMaxRetry: 2, levelLoadingMaxRetry: 2, fragLoadingMaxRetry: 2 });
        hls.on(Hls.Events.ERROR, (_e, data) => data.fatal && fail());
        hls.loadSource(url);
        hls.attachMedia(video);
        destroy = () => hls.destroy();
      }, fail);
    }
    void video.play().catch(() => {});
    return () => {
      disposed = true;
      destroy();
    };
  }, [url, onFail]);
  return <video ref={ref} muted autoPlay playsInline poster={poster} data-testid="video-stream" />;
}

/** A camera's stream; one that failed is tried again after a while (a camera rebooting, a network blip). */
function HlsVideo({ url, poster }: { url: string; poster?: string }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const onFail = useCallback(() => setFailed(true), []);
  useEffect(() => {
    if (!failed) return;
    const h = setTimeout(() => {
      setFailed(false);
      setAttempt((n) => n + 1);
    }, RETRY_S * 1000);
    return () => clearTimeout(h);
  }, [failed]);
  return (
    <>
      <Player key={attempt} url={url} poster={poster} onFail={onFail} />
      {failed && <p className="video-error">{t('video.unavailable', { s: RETRY_S })}</p>}
    </>
  );
}

function Panel({ p, model }: { p: VideoPanel; model: ParkModel }) {
  const { t, i18n } = useTranslation();
  const f = model.byId.get(p.camera) as ModelFeature<'sensor'> | undefined;
  const cam = f?.props.camera;
  const reason =
    p.reason === 'selected' || p.reason === 'emergency'
      ? t(`video.reason.${p.reason}`)
      : t(`events.type.${p.reason.replace('.', '_')}`, { defaultValue: p.reason });
  return (
    <figure className={`video-panel${p.pinned ? ' pinned' : ''}`} data-testid="video-panel" data-camera={p.camera} data-reason={p.reason}>
      <figcaption>
        <button type="button" className="name" onClick={() => flyToFeature(model, p.camera)} title={p.camera}>
          {displayName(f?.props, i18n.language, p.camera)}
        </button>
        <span className="reason">{reason}</span>
        <button type="button" onClick={() => useVideo.getState().togglePin(p.camera)} aria-pressed={p.pinned} data-testid="video-pin">
          {p.pinned ? t('video.unpin') : t('video.pin')}
        </button>
        <button type="button" onClick={() => useVideo.getState().close(p.camera)} aria-label={t('video.close')} data-testid="video-close">
          ×
        </button>
      </figcaption>
      {cam?.hls_url ? (
        <HlsVideo url={cam.hls_url} poster={cam.snapshot_url} />
      ) : cam?.snapshot_url ? (
        <img src={cam.snapshot_url} alt={t('video.snapshot')} />
      ) : (
        <p className="video-error">{t('video.noStream')}</p>
      )}
    </figure>
  );
}

/** Opens cameras for what happens: new linked events, a camera clicked, the emergency scenario's source. */
function useLinkage(model: ParkModel) {
  useEffect(() => {
    // the events already there when the page connects are history: only those arriving later open cameras
    let seen = Math.max(0, ...useLive.getState().events.map((e) => e.id));
    const unEvents = useLive.subscribe((s, prev) => {
      if (s.events === prev.events) return;
      const now = Date.now();
      const fresh = s.events.filter((e) => e.id > seen && now - e.t < LINK_FRESH_MS);
      seen = Math.max(seen, ...s.events.map((e) => e.id));
      if (fresh.length) linkEvents(model, fresh);
    });
    const unSelect = useSelection.subscribe((s, prev) => {
      if (s.selectedId === prev.selectedId || !s.selectedId) return;
      const f = model.byId.get(s.selectedId) as ModelFeature<'sensor'> | undefined;
      if (f?.kind === 'sensor' && f.props.camera) useVideo.getState().open([f.id], 'selected', f.id);
    });
    const unEmergency = useEmergency.subscribe((s, prev) => {
      const i = s.input;
      if (!i || i === prev.input || (prev.input && prev.input.source === i.source && prev.input.at === i.at)) return;
      const src = i.at ?? (i.source ? model.byId.get(i.source)?.anchor : undefined);
      if (!src) return;
      const cams = camerasFor(model, { at: [src[0], src[1]], z_m: 1.5, ...(i.source ? { ignore: i.source } : {}) });
      if (cams.length) useVideo.getState().open(cams, 'emergency', i.source || null);
    });
    return () => {
      unEvents();
      unSelect();
      unEmergency();
    };
  }, [model]);
}

export function VideoWall({ model }: { model: ParkModel }) {
  const { t } = useTranslation();
  const panels = useVideo((s) => s.panels);
  useLinkage(model);
  if (!panels.length) return null;
  return (
    <section className="video-wall" aria-label={t('video.wall')} data-testid="video-wall">
      {panels.some((p) => !p.pinned) && (
        <button type="button" className="close-all" onClick={() => useVideo.getState().closeAll()} data-testid="video-close-all">
          {t('video.closeAll')}
        </button>
      )}
      {panels.map((p) => (
        <Panel key={p.camera} p={p} model={model} />
      ))}
    </section>
  );
}
