'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { FaceSprite } from '@/components/survey/faces';
import type { Lang } from '@/lib/i18n';
import { measureClockOffset } from '@/lib/kiosk-client/clock';
import { hasFollowUp, parseKioskConfig, parseServing } from '@/lib/kiosk-client/config';
import { pressGuard } from '@/lib/kiosk-client/cooldown';
import { statusText, type SyncStatus } from '@/lib/kiosk-client/status';
import { t } from '@/lib/kiosk-client/text';
import type { KioskConfig, QueuedRating } from '@/lib/kiosk-client/types';
import { uuidV4FromBytes } from '@/lib/kiosk-client/uuid';
import { LOW_SCORE_MAX, type ScaleValue } from '@/lib/survey/scale';
import { requestFullscreen, useCanGoFullscreen, useKioskServiceWorker, useWakeLock } from './device';
import { openQueue, type QueueStore } from './queue-db';
import { DutyPinScreen, IdleScreen, PairingScreen, QuestionScreen, ReasonsScreen, ThanksScreen, WaitingScreen, type PairResult } from './screens';
import { SyncEngine } from './sync-engine';

type Phase = 'boot' | 'pairing' | 'waiting' | 'idle' | 'question' | 'reasons' | 'thanks' | 'broken' | 'duty';

/** How long the thanks screen stays before the start screen returns. */
const THANKS_MS = 5_000;
/** After a face, presses on the next screen (question or reasons) are ignored this long (and extend it): a mashed face must answer once. */
const STEP_GUARD_MS = 700;
/** The config is fetched again this often, so a renamed office or changed timeout reaches the tablet. */
const CONFIG_REFRESH_MS = 10 * 60_000;
const CONFIG_KEY = 'hai-long-kiosk-config';
const CLOCK_KEY = 'hai-long-kiosk-clock-offset';

function readClockOffset(): number | null {
  try {
    const raw = localStorage.getItem(CLOCK_KEY);
    const n = raw === null ? NaN : Number(raw);
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

function readCachedConfig(): KioskConfig | null {
  try {
    return parseKioskConfig(JSON.parse(localStorage.getItem(CONFIG_KEY) ?? 'null'));
  } catch {
    return null;
  }
}

function writeCachedConfig(config: KioskConfig | null) {
  try {
    if (config) localStorage.setItem(CONFIG_KEY, JSON.stringify(config));
    else localStorage.removeItem(CONFIG_KEY);
  } catch {
    /* private mode or full: the config is fetched again at the next start */
  }
}

function newClientId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : uuidV4FromBytes(crypto.getRandomValues(new Uint8Array(16)));
}

const messageOf = async (res: Response, fallback: string) => {
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  return typeof body?.error === 'string' && body.error ? body.error : fallback;
};

/**
 * The kiosk tablet app: pairing, the start screen with the first question's
 * five faces (one tap rates), the set's further kiosk questions one screen
 * each, reasons for a low score, thanks, back to the start. Every rating is
 * written to IndexedDB before the thanks screen appears; the network is never
 * awaited on the citizen's path (the sync engine sends in the background).
 */
export function KioskApp({ appVersion }: { appVersion: string }) {
  const [phase, setPhase] = useState<Phase>('boot');
  const [config, setConfig] = useState<KioskConfig | null>(null);
  const [lang, setLang] = useState<Lang>('vi');
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  /** Which of config.questions the question screen shows (the start screen shows the first). */
  const [step, setStep] = useState(0);
  const [ratingConfig, setRatingConfig] = useState<KioskConfig | null>(null);
  const [comment, setComment] = useState('');
  const [waitMessage, setWaitMessage] = useState('Đang khởi động…');
  const [storageProblem, setStorageProblem] = useState(false);

  const storeRef = useRef<QueueStore | null>(null);
  const syncRef = useRef<SyncEngine | null>(null);
  const configRef = useRef<KioskConfig | null>(null);
  const phaseRef = useRef<Phase>('boot');
  const unpairedRef = useRef(false);
  const pendingRef = useRef<QueuedRating | null>(null);
  const stepRef = useRef(0);
  /** The config the rating on screen started with (its question set version). */
  const ratingConfigRef = useRef<KioskConfig | null>(null);
  const unsavedRef = useRef<QueuedRating[]>([]);
  const guardRef = useRef({ until: 0, windowMs: 0 });
  const idleTimerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** `server − device` in ms, last measured (lib/kiosk-client/clock.ts); kept across restarts. */
  const clockOffsetRef = useRef<number | null>(null);

  useWakeLock();
  useKioskServiceWorker();
  const canFullscreen = useCanGoFullscreen();

  const go = useCallback((next: Phase) => {
    phaseRef.current = next;
    setPhase(next);
  }, []);

  const applyConfig = useCallback((next: KioskConfig | null) => {
    configRef.current = next;
    setConfig(next);
    writeCachedConfig(next);
  }, []);

  /** Writes a rating to the queue; if the browser refuses, keeps it in memory and tries again with the next one. */
  const persist = useCallback(async (rating: QueuedRating) => {
    const store = storeRef.current;
    const todo = [...unsavedRef.current.filter((r) => r.clientId !== rating.clientId), rating];
    unsavedRef.current = [];
    for (const r of todo) {
      try {
        if (!store) throw new Error('no store');
        await store.put(r);
      } catch {
        unsavedRef.current.push(r);
      }
    }
    setStorageProblem(unsavedRef.current.length > 0);
    syncRef.current?.kick();
  }, []);

  const noteServerTime = useCallback((serverTime: unknown, sentAt: number, receivedAt: number) => {
    const offset = measureClockOffset(serverTime, sentAt, receivedAt);
    if (offset === null) return;
    clockOffsetRef.current = offset;
    try {
      localStorage.setItem(CLOCK_KEY, String(offset));
    } catch {
      /* kept in memory only */
    }
  }, []);

  const toUnpaired = useCallback(() => {
    unpairedRef.current = true;
    // A citizen in the middle of rating finishes first, on the questions they see (the rating is held for this
    // kiosk, ADR 011); the configuration goes and the pairing screen comes at the next start screen (goIdle).
    if (['question', 'reasons', 'thanks'].includes(phaseRef.current)) return;
    applyConfig(null);
    go('pairing');
  }, [applyConfig, go]);

  const refreshConfig = useCallback(async (): Promise<void> => {
    try {
      const sentAt = Date.now();
      const res = await fetch('/api/kiosk/config', { cache: 'no-store', credentials: 'same-origin' });
      if (res.status === 401) return toUnpaired();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const next = parseKioskConfig(await res.json());
      if (!next) throw new Error('unreadable config');
      noteServerTime(next.serverTime, sentAt, Date.now());
      unpairedRef.current = false;
      applyConfig(next);
      if (phaseRef.current === 'boot' || phaseRef.current === 'waiting') go('idle');
    } catch {
      // Offline or the server is away: a cached config keeps the kiosk working; without one, wait and retry.
      if (!configRef.current && !unpairedRef.current) {
        setWaitMessage('Chưa kết nối được máy chủ để tải cấu hình kiosk. Đang thử lại…');
        go('waiting');
      }
    }
  }, [applyConfig, go, noteServerTime, toUnpaired]);

  // Start: open the queue, finish ratings a reload interrupted, show the cached config at once, then ask the server.
  useEffect(() => {
    let engine: SyncEngine | null = null;
    let store: QueueStore | null = null;
    let cancelled = false;
    const boot = async () => {
      try {
        store = await openQueue();
      } catch {
        setWaitMessage('Trình duyệt không cho phép lưu dữ liệu (IndexedDB), nên kiosk không thể giữ đánh giá khi mất mạng. Vui lòng tắt chế độ ẩn danh hoặc dùng trình duyệt khác.');
        go('broken');
        return;
      }
      if (cancelled) return store.close();
      storeRef.current = store;
      clockOffsetRef.current = readClockOffset();
      for (const r of await store.unfinished()) await store.put({ ...r, ready: true });
      const cached = readCachedConfig();
      if (cached) {
        configRef.current = cached;
        setConfig(cached);
        go('idle');
      }
      engine = new SyncEngine({
        store,
        appVersion,
        kioskId: () => (unpairedRef.current ? null : (configRef.current?.kiosk.id ?? null)),
        onUnpaired: toUnpaired,
        onStatus: setStatus,
        onServerTime: noteServerTime,
        onServing: (raw) => {
          // Who serves at the counter, refreshed by every batch answer (heartbeats included); offline, the last one stays.
          const cfg = configRef.current;
          const next = parseServing(raw);
          if (!cfg || JSON.stringify(next) === JSON.stringify(cfg.serving)) return;
          applyConfig({ ...cfg, serving: next });
        },
      });
      syncRef.current = engine;
      engine.start();
      await refreshConfig();
    };
    void boot();
    // Every 10 s while waiting for a first config, else every CONFIG_REFRESH_MS.
    let lastRefresh = Date.now();
    const refresh = setInterval(() => {
      if (phaseRef.current !== 'waiting' && Date.now() - lastRefresh < CONFIG_REFRESH_MS) return;
      lastRefresh = Date.now();
      void refreshConfig();
    }, 10_000);
    return () => {
      cancelled = true;
      clearInterval(refresh);
      engine?.stop();
      store?.close();
      storeRef.current = null;
      syncRef.current = null;
    };
  }, [appVersion, applyConfig, go, noteServerTime, refreshConfig, toUnpaired]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  /** Back to the start screen: a low score left on the reasons screen is kept with the reasons ticked (an unsent comment is not). */
  const goIdle = useCallback(() => {
    clearTimeout(idleTimerRef.current);
    const pending = pendingRef.current;
    pendingRef.current = null;
    if (pending) void persist({ ...pending, reasons: selected, comment: null, ready: true });
    setLang('vi');
    if (!unpairedRef.current) return go('idle');
    applyConfig(null);
    go('pairing');
  }, [applyConfig, go, persist, selected]);

  const goIdleRef = useRef(goIdle);
  useEffect(() => {
    goIdleRef.current = goIdle;
  }, [goIdle]);

  const armIdleTimer = useCallback(() => {
    clearTimeout(idleTimerRef.current);
    const cfg = configRef.current;
    if (!cfg || (phaseRef.current !== 'question' && phaseRef.current !== 'reasons' && phaseRef.current !== 'duty')) return;
    // The PIN pad, left open by staff, goes back to the citizen's start screen too (after at least a minute).
    const seconds = phaseRef.current === 'duty' ? Math.max(60, cfg.kiosk.idleSeconds) : cfg.kiosk.idleSeconds;
    idleTimerRef.current = setTimeout(() => goIdleRef.current(), seconds * 1000);
  }, []);

  useEffect(() => {
    armIdleTimer();
    if (phase !== 'thanks') return;
    const timer = setTimeout(() => goIdleRef.current(), THANKS_MS);
    return () => clearTimeout(timer);
  }, [phase, armIdleTimer]);

  useEffect(() => () => clearTimeout(idleTimerRef.current), []);

  /** Any press: resets the idle timer; during a cooldown it is swallowed and extends the cooldown. */
  const onAnyPress = useCallback(() => {
    armIdleTimer();
    const g = guardRef.current;
    g.until = pressGuard(g.until, Date.now(), g.windowMs).until;
  }, [armIdleTimer]);

  /** Whether a citizen's press counts: not while the press guard is active (an ignored press extends it). */
  const allowPress = useCallback(() => {
    const g = guardRef.current;
    const r = pressGuard(g.until, Date.now(), g.windowMs);
    g.until = r.until;
    return r.accepted;
  }, []);

  /**
   * A face tapped on the start screen (the first question) or on a later
   * question's screen. The rating is written at its first tap and again with
   * each answer (same clientId, so it is one rating); it is sent only once
   * finished (`ready`), and an interrupted one is finished with what it has.
   */
  const onRate = (score: ScaleValue) => {
    const first = phaseRef.current === 'idle' || !pendingRef.current;
    // A rating keeps the questions it started with, even if a new config (another set) arrives meanwhile.
    const cfg = first ? configRef.current : (ratingConfigRef.current ?? configRef.current);
    if (!cfg) return;
    if (first) {
      ratingConfigRef.current = cfg;
      setRatingConfig(cfg);
    }
    const now = Date.now();
    performance.clearMarks('kiosk:tap');
    performance.mark('kiosk:tap');
    const index = first ? 0 : stepRef.current;
    const question = cfg.questions[index];
    if (!question) return;
    const base: QueuedRating =
      first || !pendingRef.current
        ? {
            clientId: newClientId(),
            tappedAt: now,
            questionSetVersionId: cfg.questionSetVersionId,
            answers: [],
            reasons: [],
            comment: null,
            lang,
            kioskId: cfg.kiosk.id,
            ready: false,
            clockOffset: clockOffsetRef.current,
          }
        : pendingRef.current;
    if (first) setSelected([]);
    const rating: QueuedRating = { ...base, lang, answers: [...(base.answers ?? []).filter((a) => a.questionKey !== question.key), { questionKey: question.key, score }] };
    const next = index + 1;
    if (next < cfg.questions.length) {
      // The next question: a face mashed on this screen must not answer it too.
      guardRef.current = { until: now + STEP_GUARD_MS, windowMs: STEP_GUARD_MS };
      pendingRef.current = rating;
      stepRef.current = next;
      setStep(next);
      go('question');
      void persist(rating);
      return;
    }
    const low = rating.answers!.some((a) => a.score <= LOW_SCORE_MAX) && hasFollowUp(cfg);
    if (low) {
      guardRef.current = { until: now + STEP_GUARD_MS, windowMs: STEP_GUARD_MS };
      pendingRef.current = rating;
      setComment('');
      go('reasons');
      // The scores are durable now; the reasons are added when the citizen sends or skips.
      void persist(rating);
      return;
    }
    pendingRef.current = null;
    guardRef.current = { until: now + cfg.kiosk.cooldownMs, windowMs: cfg.kiosk.cooldownMs };
    void persist({ ...rating, ready: true }).then(() => go('thanks'));
  };

  const finish = (withDetails: boolean) => {
    const cfg = configRef.current;
    const pending = pendingRef.current;
    if (!cfg || !pending) return;
    pendingRef.current = null;
    const now = Date.now();
    guardRef.current = { until: now + cfg.kiosk.cooldownMs, windowMs: cfg.kiosk.cooldownMs };
    const text = comment.trim();
    const rating: QueuedRating = { ...pending, lang, reasons: withDetails ? selected : [], comment: withDetails && text ? text : null, ready: true };
    performance.clearMarks('kiosk:tap');
    performance.mark('kiosk:tap');
    void persist(rating).then(() => go('thanks'));
  };

  const pair = async (code: string): Promise<PairResult> => {
    try {
      const sentAt = Date.now();
      const res = await fetch('/api/kiosk/pair', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (res.status === 400) return { ok: false, message: await messageOf(res, 'Mã ghép nối không đúng, đã hết hạn hoặc đã được dùng. Vui lòng xin cán bộ tạo mã mới.') };
      if (res.status === 429) return { ok: false, message: await messageOf(res, 'Đã nhập sai quá nhiều lần. Vui lòng đợi 15 phút rồi thử lại.') };
      if (!res.ok) return { ok: false, message: 'Máy chủ đang bận. Vui lòng thử lại sau ít phút.' };
      const next = parseKioskConfig(await res.json());
      if (!next) return { ok: false, message: 'Máy chủ trả lời không đúng định dạng. Vui lòng báo quản trị hệ thống.' };
      noteServerTime(next.serverTime, sentAt, Date.now());
      unpairedRef.current = false;
      applyConfig(next);
      setLang('vi');
      go('idle');
      // Ask the browser not to evict the queue under storage pressure.
      void navigator.storage?.persist?.().catch(() => false);
      syncRef.current?.kick();
      void syncRef.current?.publish();
      return { ok: true, config: next };
    } catch {
      return { ok: false, message: 'Không kết nối được máy chủ. Vui lòng kiểm tra Wi-Fi rồi thử lại.' };
    }
  };

  /** Staff: an official's PIN puts them on duty at this counter (POST /api/kiosk/duty); the answer's message is shown on the pad. */
  const switchDuty = async (pin: string): Promise<{ ok: boolean; message: string }> => {
    try {
      const res = await fetch('/api/kiosk/duty', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pin }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
      const json = (await res.json().catch(() => null)) as { serving?: unknown; message?: unknown; error?: unknown } | null;
      if (res.status === 401) {
        toUnpaired();
        return { ok: false, message: 'Kiosk chưa được ghép nối.' };
      }
      if (res.ok && json) {
        const cfg = configRef.current;
        if (cfg) applyConfig({ ...cfg, serving: parseServing(json.serving) });
        return { ok: true, message: typeof json.message === 'string' ? json.message : 'Đã đổi cán bộ trực.' };
      }
      return { ok: false, message: typeof json?.error === 'string' ? json.error : 'Máy chủ chưa xử lý được. Vui lòng thử lại.' };
    } catch {
      return { ok: false, message: 'Không kết nối được máy chủ. Đổi cán bộ trực cần có mạng; vui lòng thử lại khi có kết nối.' };
    }
  };

  const citizenScreen = phase === 'idle' || phase === 'question' || phase === 'reasons' || phase === 'thanks';

  let screen: React.ReactNode;
  if (phase === 'pairing') screen = <PairingScreen onPair={pair} heldCount={status ? status.held + status.queued : 0} />;
  else if (phase === 'boot' || phase === 'waiting' || phase === 'broken' || !config) screen = <WaitingScreen message={waitMessage} />;
  else if (phase === 'idle') screen = <IdleScreen config={config} lang={lang} onRate={(v) => allowPress() && onRate(v)} />;
  else if (phase === 'question') screen = <QuestionScreen key={step} config={ratingConfig ?? config} step={step} lang={lang} onRate={(v) => allowPress() && onRate(v)} />;
  else if (phase === 'reasons')
    screen = (
      <ReasonsScreen
        config={ratingConfig ?? config}
        lang={lang}
        selected={selected}
        comment={comment}
        onToggle={(v) => allowPress() && setSelected((s) => (s.includes(v) ? s.filter((x) => x !== v) : [...s, v]))}
        onComment={setComment}
        onSend={() => allowPress() && finish(true)}
        onSkip={() => allowPress() && finish(false)}
      />
    );
  else if (phase === 'duty') screen = <DutyPinScreen counterName={config.kiosk.counterName ?? 'quầy này'} onSubmit={switchDuty} onClose={goIdle} />;
  else screen = <ThanksScreen lang={lang} />;

  const mark = status ? statusText(status) : 'Đang kiểm tra kết nối';
  return (
    <div className="kiosk" data-phase={phase} onPointerDownCapture={onAnyPress} onKeyDownCapture={onAnyPress} onInputCapture={onAnyPress}>
      <FaceSprite />
      <header className="kiosk-top">
        {citizenScreen && phase !== 'thanks' && (
          <button type="button" className="kiosk-lang" lang={t('otherLang', lang)} aria-label={t('switchLabel', lang)} onClick={() => allowPress() && setLang(lang === 'vi' ? 'en' : 'vi')}>
            {t('switchTo', lang)}
          </button>
        )}
      </header>
      <main className="kiosk-main">{screen}</main>
      <footer className="kiosk-staff" lang="vi">
        <div role="status" aria-live="off" aria-label={`Trạng thái kiosk: ${mark}${storageProblem ? ' · lỗi bộ nhớ máy' : ''}`} className="kiosk-status" data-online={status?.online ? 'true' : 'false'}>
          <span className="kiosk-dot" aria-hidden="true" />
          {mark}
          {storageProblem && ' · lỗi bộ nhớ máy'}
        </div>
        {phase === 'idle' && config?.kiosk.counterName && (
          <button type="button" className="kiosk-duty-open" onClick={() => go('duty')}>
            Đổi cán bộ trực
          </button>
        )}
        {canFullscreen && (
          <button type="button" className="kiosk-fullscreen" onClick={requestFullscreen}>
            {t('fullscreen', lang)}
          </button>
        )}
      </footer>
    </div>
  );
}
