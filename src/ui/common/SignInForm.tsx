/**
 * Signing in, as the server allows it here: a name and password (users file), single sign-on
 * (OpenID Connect), or — in demo mode — one button per demo role. Used before the park loads and in
 * the command panel after signing out.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { demoRoles, getSession, signInDemo, signInPassword, type SignInOptions } from '../../net/session.ts';

export function SignInForm({ onSignedIn, refused = false }: { onSignedIn: () => void; refused?: boolean }) {
  const { t } = useTranslation();
  const [opts, setOpts] = useState<SignInOptions | null>(null);
  const [demo, setDemo] = useState<Awaited<ReturnType<typeof demoRoles>>>([]);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(refused ? t('live.refused') : null);
  useEffect(() => {
    void getSession().then((r) => setOpts(r.ok ? { demo: r.session.demo, oidc: false, password: !r.session.demo } : r.options));
    void demoRoles().then(setDemo);
  }, []);
  const done = async (p: Promise<{ ok: boolean; status?: number }>) => {
    setBusy(true);
    const r = await p;
    setBusy(false);
    if (r.ok) onSignedIn();
    else setError(r.status === 429 ? t('live.tooMany') : t('live.refused'));
  };
  return (
    <section className="signin" aria-label={t('live.signIn')} data-testid="sign-in">
      <h2>{t('live.signIn')}</h2>
      {error && <p className="error">{error}</p>}
      {opts?.password && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name && password) void done(signInPassword(name, password));
          }}
        >
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t('live.user')}
            aria-label={t('live.user')}
            autoComplete="username"
            data-testid="user"
          />
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            placeholder={t('live.password')}
            aria-label={t('live.password')}
            autoComplete="current-password"
            data-testid="password"
          />
          <button type="submit" disabled={busy || !name || !password}>
            {t('live.signInButton')}
          </button>
        </form>
      )}
      {opts?.oidc && (
        <a className="button" href="/api/auth/oidc/login" data-testid="sso">
          {t('live.sso')}
        </a>
      )}
      {demo.length > 0 && (
        <div className="demo-users">
          <p>{t('live.demoUsers')}</p>
          {demo.map((u) => (
            <button type="button" key={u.role} onClick={() => void done(signInDemo(u.role))} data-testid={`demo-${u.role}`}>
              {t(`role.${u.role}`)}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
