/**
 * The planner's versions of the park's layout: storing the edits as a new version on the server
 * (planners and admins, with a comment; refused with the validator's first line, or when another
 * version was stored since the page loaded its own), and the list of versions with who stored each,
 * when, why and what changed; any of them downloads as a file.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeChange } from '../model/diff.ts';
import { urlOf } from '../net/api.ts';
import { layoutVersions, saveLayoutVersion } from '../net/layout.ts';
import { LAYOUT_EDITORS, type LayoutVersionInfo, type Role } from '../protocol/api.ts';
import { useSession } from '../state/session.ts';
import { useLayoutVersion } from '../state/layoutVersion.ts';
import { planner } from '../state/planner.ts';

export const canEditLayout = (role: string | undefined) => (LAYOUT_EDITORS as readonly string[]).includes(role as Role);

export function SaveVersion() {
  const { t } = useTranslation();
  const role = useSession((s) => s.user?.role);
  const saving = useLayoutVersion((s) => s.saving);
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!canEditLayout(role)) return null;
  const save = async () => {
    const layout = planner.editedLayout();
    if (!layout) return;
    setMessage(null);
    const r = await saveLayoutVersion(layout, comment.trim());
    setMessage(
      r.ok ? { ok: true, text: t('planner.saved', { version: r.version.version }) } : { ok: false, text: t('planner.saveFailed', { error: r.error }) },
    );
    if (r.ok) setComment('');
  };
  return (
    <div className="planner-bar save-version">
      <input placeholder={t('planner.comment')} value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} data-testid="version-comment" />
      <button type="button" onClick={() => void save()} disabled={saving} data-testid="save-version">
        {t('planner.saveVersion')}
      </button>
      {message && (
        <span className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="save-version-result">
          {message.text}
        </span>
      )}
    </div>
  );
}

export function VersionsTab() {
  const { t, i18n } = useTranslation();
  const current = useLayoutVersion((s) => s.version);
  const [list, setList] = useState<LayoutVersionInfo[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `current` is the trigger: a new version in force lists again
  useEffect(() => {
    let live = true;
    void layoutVersions().then((l) => live && setList(l));
    return () => {
      live = false;
    };
  }, [current]);
  if (!list) return <p className="note">{t('app.loading')}</p>;
  return (
    <div className="table-wrap">
      <table className="checks" data-testid="versions-table">
        <thead>
          <tr>
            <th>{t('planner.versions.version')}</th>
            <th>{t('planner.versions.time')}</th>
            <th>{t('planner.versions.author')}</th>
            <th>{t('planner.versions.change')}</th>
            <th>{t('planner.versions.comment')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {[...list].reverse().map((v) => (
            <tr key={v.version} data-testid="version-row" data-version={v.version} className={v.version === current ? 'current' : ''}>
              <td className="n">
                {v.version}
                {v.version === current ? ` ${t('planner.versions.inForce')}` : ''}
              </td>
              <td>{new Date(v.t).toLocaleString(i18n.language, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })}</td>
              <td>{v.author}</td>
              <td
                // the counts in the table; per kind and every id in the tooltip
                title={[
                  describeChange(v.summary),
                  [...v.summary.added.map((id) => `+${id}`), ...v.summary.removed.map((id) => `−${id}`), ...v.summary.changed.map((id) => `~${id}`)]
                    .slice(0, 200)
                    .join(' '),
                ].join('\n')}
                data-testid="version-change"
              >
                {`+${v.summary.added.length} −${v.summary.removed.length} ~${v.summary.changed.length}`}
              </td>
              <td className="wrap">{v.comment}</td>
              <td>
                <a href={urlOf('GET /api/layout', undefined, { version: v.version })} download={`layout-v${v.version}.geojson`}>
                  ⤓ {t('planner.versions.download')}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
