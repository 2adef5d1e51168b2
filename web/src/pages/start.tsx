import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { checkServer, type ServerHealth } from '../health';
import { useI18n, type MessageKey } from '../i18n';
import type { PageProps } from '../routes';

export function StartPage(_props: PageProps) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('start.title')}</h1>
      <p class="lead">{t('start.intro')}</p>
      <ServerStatus />
    </>
  );
}

/** The health of the server and its database, from GET /healthz and GET /readyz. */
function ServerStatus() {
  const { t, lang } = useI18n();
  const [health, setHealth] = useState<ServerHealth | null>(null);
  const running = useRef<AbortController | null>(null);

  const check = useCallback(() => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setHealth(null);
    checkServer(controller.signal).then(
      (result) => {
        if (!controller.signal.aborted) setHealth(result);
      },
      () => {
        // aborted: a newer check or leaving the page
      },
    );
  }, []);

  useEffect(() => {
    check();
    return () => running.current?.abort();
  }, [check]);

  const time = (date: Date) => (
    <time dateTime={date.toISOString()}>
      {date.toLocaleTimeString(lang === 'sv' ? 'sv-SE' : 'en-GB')}
    </time>
  );

  return (
    <section class="card" aria-labelledby="server-status-heading">
      <h2 id="server-status-heading">{t('health.heading')}</h2>
      <div class="status" role="status" aria-live="polite" aria-busy={health === null}>
        {health === null ? (
          <p class="status__loading">{t('health.checking')}</p>
        ) : (
          <>
            <ul class="checks">
              {checkLines(health).map(([ok, key, params]) => (
                <li key={key} class={ok ? 'check check--ok' : 'check check--fail'}>
                  <StatusIcon ok={ok} />
                  <span>{t(key, params)}</span>
                </li>
              ))}
            </ul>
            <dl class="facts">
              {health.kind === 'up' && (
                <div class="facts__row">
                  <dt>{t('health.version')}</dt>
                  <dd>{health.version}</dd>
                </div>
              )}
              <div class="facts__row">
                <dt>{t('health.checkedAt')}</dt>
                <dd>{time(health.checkedAt)}</dd>
              </div>
            </dl>
          </>
        )}
      </div>
      <button type="button" class="button" onClick={check}>
        {t('health.recheck')}
      </button>
    </section>
  );
}

type Line = [ok: boolean, key: MessageKey, params?: Record<string, string | number>];

function checkLines(health: ServerHealth): Line[] {
  switch (health.kind) {
    case 'unreachable':
      return [[false, 'health.unreachable']];
    case 'error':
      return [[false, 'health.serverError', { status: health.status }]];
    case 'bad_response':
      return [[false, 'health.badResponse']];
    case 'up': {
      const db = health.database;
      const database: Line =
        db.kind === 'ok'
          ? [true, 'health.databaseOk']
          : db.kind === 'failed'
            ? [false, 'health.databaseFailed', { message: db.message }]
            : [false, 'health.databaseUnknown'];
      return [[true, 'health.serverOk'], database];
    }
  }
}

function StatusIcon(props: { ok: boolean }) {
  return (
    <svg class="check__icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="10" />
      {props.ok ? (
        <path class="check__mark" d="M5.5 10.5l3 3 6-7" />
      ) : (
        <path class="check__mark" d="M6.5 6.5l7 7M13.5 6.5l-7 7" />
      )}
    </svg>
  );
}
