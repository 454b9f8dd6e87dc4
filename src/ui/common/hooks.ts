/**
 * Hooks the command centre's panels share (the clock, local formatting): a module of their own, so
 * the panels and the tabs do not import each other.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function useNow(period_ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), period_ms);
    return () => clearInterval(t);
  }, [period_ms]);
  return now;
}

/** Local time in the UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'zh-CN';
  return useMemo(
    () => ({
      time: (t: string | number) => new Date(t).toLocaleTimeString(locale, { hour12: false }),
      dateTime: (t: string | number) => new Date(t).toLocaleString(locale, { hour12: false }),
      num: (v: number, digits = 1) => v.toLocaleString(locale, { maximumFractionDigits: digits }),
    }),
    [locale],
  );
}

/** An instant as a `datetime-local` input's value (the browser's local time, to the minute). */
export const toLocalInput = (t_ms: number) => new Date(t_ms - new Date(t_ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
