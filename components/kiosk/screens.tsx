'use client';

import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { Face } from '@/components/survey/faces';
import type { Lang } from '@/lib/i18n';
import { pairingCodeProblem, normalisePairingCode } from '@/lib/kiosk-client/pairing-code';
import { t } from '@/lib/kiosk-client/text';
import type { KioskConfig } from '@/lib/kiosk-client/types';
import { SCALE_LABELS, SCALE_VALUES, type ScaleValue } from '@/lib/survey/scale';

/** Moves focus to a screen's heading when the screen appears, so screen readers announce it. */
function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return ref;
}

export type PairResult = { ok: true; config: unknown } | { ok: false; message: string };

export function PairingScreen({ onPair, heldCount }: { onPair: (code: string) => Promise<PairResult>; heldCount: number }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const problem = pairingCodeProblem(code);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    const result = await onPair(normalisePairingCode(code));
    setBusy(false);
    if (!result.ok) setError(result.message);
  };
  return (
    <section className="kiosk-screen kiosk-pairing" aria-labelledby="kiosk-pairing-title">
      <h1 id="kiosk-pairing-title" ref={heading} tabIndex={-1}>
        Ghép nối máy tính bảng
      </h1>
      <p id="kiosk-code-hint">
        Nhập mã ghép nối gồm 8 ký tự do cán bộ quản lý tạo tại trang <strong>Quản trị › Kiosk</strong>. Mã có hiệu lực 15 phút và chỉ dùng một lần.
      </p>
      {heldCount > 0 && (
        <p className="kiosk-notice">
          Máy đang giữ {heldCount.toLocaleString('vi-VN')} đánh giá chưa gửi. Các đánh giá này sẽ được gửi sau khi máy được ghép nối lại với chính kiosk đã ghi nhận
          chúng.
        </p>
      )}
      <form onSubmit={submit} noValidate className="kiosk-pair-form">
        <label htmlFor="kiosk-code">Mã ghép nối</label>
        <input
          id="kiosk-code"
          name="code"
          type="text"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={12}
          aria-describedby={error ? 'kiosk-code-hint kiosk-code-error' : 'kiosk-code-hint'}
          aria-invalid={error ? true : undefined}
        />
        <p id="kiosk-code-error" className="kiosk-error" role="alert">
          {error}
        </p>
        <button type="submit" className="kiosk-button" disabled={busy}>
          {busy ? 'Đang ghép nối…' : 'Ghép nối'}
        </button>
      </form>
    </section>
  );
}

export function WaitingScreen({ message }: { message: string }) {
  return (
    <section className="kiosk-screen kiosk-waiting" aria-live="polite">
      <p>{message}</p>
    </section>
  );
}

function OfficeLine({ config }: { config: KioskConfig }) {
  return (
    <p className="kiosk-office">
      {config.kiosk.officeName}
      {config.kiosk.counterName && <span className="kiosk-counter"> · {config.kiosk.counterName}</span>}
    </p>
  );
}

/** "Câu 1/2" when the kiosk asks more than one question. */
function Progress({ config, step, lang }: { config: KioskConfig; step: number; lang: Lang }) {
  if (config.questions.length < 2) return null;
  return (
    <p className="kiosk-progress">
      {t('questionNo', lang)} {step + 1}/{config.questions.length}
    </p>
  );
}

/** The five faces of one question, best first (domain.md §3); each is one button named by its word. */
function Faces({ labelledBy, lang, onRate }: { labelledBy: string; lang: Lang; onRate: (score: ScaleValue) => void }) {
  return (
    <div className="kiosk-faces" role="group" aria-labelledby={labelledBy}>
      {SCALE_VALUES.map((v) => (
        <button key={v} type="button" className={`kiosk-face kiosk-face-${v}`} onClick={() => onRate(v)}>
          <Face value={v} />
          <span className="kiosk-face-label">{SCALE_LABELS[v][lang]}</span>
        </button>
      ))}
    </div>
  );
}

/**
 * The start screen: the invitation and the first question with its five
 * faces, so a citizen rates with one tap (the tap answers the first question).
 */
export function IdleScreen({ config, lang, onRate }: { config: KioskConfig; lang: Lang; onRate: (score: ScaleValue) => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const first = config.questions[0]!;
  return (
    <section className="kiosk-screen kiosk-idle" aria-labelledby="kiosk-invite">
      <OfficeLine config={config} />
      <h1 id="kiosk-invite" ref={heading} tabIndex={-1}>
        {t('invite', lang)}
      </h1>
      <Progress config={config} step={0} lang={lang} />
      <h2 id="kiosk-question-title" className="kiosk-question-text">
        {first.text[lang]}
      </h2>
      <Faces labelledBy="kiosk-question-title" lang={lang} onRate={onRate} />
      <p className="kiosk-hint">{t('startHint', lang)}</p>
    </section>
  );
}

/** A later kiosk question (config.questions[step], step ≥ 1), one tap each. */
export function QuestionScreen({ config, step, lang, onRate }: { config: KioskConfig; step: number; lang: Lang; onRate: (score: ScaleValue) => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const question = config.questions[Math.min(step, config.questions.length - 1)]!;
  return (
    <section className="kiosk-screen kiosk-question" aria-labelledby="kiosk-question-title">
      <OfficeLine config={config} />
      <Progress config={config} step={step} lang={lang} />
      <h1 id="kiosk-question-title" ref={heading} tabIndex={-1}>
        {question.text[lang]}
      </h1>
      <Faces labelledBy="kiosk-question-title" lang={lang} onRate={onRate} />
    </section>
  );
}

type ReasonsProps = {
  config: KioskConfig;
  lang: Lang;
  selected: readonly string[];
  comment: string;
  onToggle: (value: string) => void;
  onComment: (text: string) => void;
  onSend: () => void;
  onSkip: () => void;
};

export function ReasonsScreen({ config, lang, selected, comment, onToggle, onComment, onSend, onSkip }: ReasonsProps) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const countId = useId();
  const max = config.commentMaxLength;
  const title = config.reasons ? config.reasons.text[lang] : lang === 'vi' ? 'Ông/Bà có góp ý gì thêm không?' : 'Anything else you would like to tell us?';
  return (
    <section className="kiosk-screen kiosk-reasons" aria-labelledby="kiosk-reasons-title">
      <h1 id="kiosk-reasons-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {config.reasons && (
        <>
          <p className="kiosk-hint" id="kiosk-reasons-hint">
            {t('reasonsHint', lang)}
          </p>
          <div className="kiosk-chips" role="group" aria-labelledby="kiosk-reasons-title" aria-describedby="kiosk-reasons-hint">
            {config.reasons.options.map((o) => {
              const on = selected.includes(o.value);
              return (
                <button key={o.value} type="button" className="kiosk-chip" aria-pressed={on} onClick={() => onToggle(o.value)}>
                  <span className="kiosk-chip-mark" aria-hidden="true">
                    {on ? '✓' : ''}
                  </span>
                  {o.label[lang]}
                </button>
              );
            })}
          </div>
        </>
      )}
      {max > 0 && (
        <div className="kiosk-comment">
          <label htmlFor="kiosk-comment">{t('comment', lang)}</label>
          <textarea id="kiosk-comment" rows={3} maxLength={max} value={comment} onChange={(e) => onComment(e.target.value)} aria-describedby={countId} />
          <p id={countId} className="kiosk-count">
            {comment.length}/{max} {t('chars', lang)}
          </p>
        </div>
      )}
      <div className="kiosk-actions">
        <button type="button" className="kiosk-button" onClick={onSend}>
          {t('send', lang)}
        </button>
        <button type="button" className="kiosk-button secondary" onClick={onSkip}>
          {t('skip', lang)}
        </button>
      </div>
    </section>
  );
}

/** Marks when the thanks screen reaches the screen, for the tap → thanks measure (bench/kiosk/tap.ts). */
function markThanksPainted() {
  performance.mark('kiosk:thanks');
  try {
    performance.measure('kiosk:tap-to-thanks', 'kiosk:tap', 'kiosk:thanks');
  } catch {
    // No tap mark (a reload landed here): nothing to measure.
  }
  if (performance.getEntriesByName('kiosk:tap-to-thanks').length > 500) performance.clearMeasures('kiosk:tap-to-thanks');
}

export function ThanksScreen({ lang }: { lang: Lang }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  useLayoutEffect(() => {
    const frame = requestAnimationFrame(markThanksPainted);
    return () => cancelAnimationFrame(frame);
  }, []);
  return (
    <section className="kiosk-screen kiosk-thanks" aria-labelledby="kiosk-thanks-title">
      <svg className="kiosk-check" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <circle cx="24" cy="24" r="22" fill="#2e7d32" />
        <path d="M13 25 L21 33 L36 16" fill="none" stroke="#fff" strokeWidth="5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <h1 id="kiosk-thanks-title" ref={heading} tabIndex={-1}>
        {t('thanks', lang)}
      </h1>
      <p>{t('thanksNote', lang)}</p>
    </section>
  );
}
