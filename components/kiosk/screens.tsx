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

function OfficeLine({ config, lang }: { config: KioskConfig; lang: Lang }) {
  const serving = config.serving;
  return (
    <>
      <p className="kiosk-office">
        {config.kiosk.officeName}
        {config.kiosk.counterName && <span className="kiosk-counter"> · {config.kiosk.counterName}</span>}
      </p>
      {serving && config.kiosk.counterName ? (
        <p className="kiosk-serving">
          {serving.photoUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- already resized on upload, and cached by the tablet's browser
            <img src={serving.photoUrl} width={64} height={64} alt={t('servingPhoto', lang).replace('{name}', serving.name)} />
          ) : null}
          <span>
            {t('serving', lang)}:{' '}
            <strong>
              {config.kiosk.counterName} — {serving.name}
              {serving.position ? `, ${serving.position}` : ''}
            </strong>
          </span>
        </p>
      ) : null}
    </>
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
      <OfficeLine config={config} lang={lang} />
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
      <OfficeLine config={config} lang={lang} />
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

const PIN_MAX = 12;

/**
 * Staff only, from the kiosk's footer: an official types their PIN to take
 * duty at this counter until the end of the day. `onSubmit` answers a message
 * to show, ok or not.
 */
export function DutyPinScreen({ counterName, onSubmit, onClose }: { counterName: string; onSubmit: (pin: string) => Promise<{ ok: boolean; message: string }>; onClose: () => void }) {
  const [pin, setPin] = useState('');
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const press = (d: string) => {
    setOutcome(null);
    setPin((p) => (p.length < PIN_MAX ? p + d : p));
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (pin.length < 4) return setOutcome({ ok: false, message: 'Mã PIN có ít nhất 4 chữ số.' });
    setBusy(true);
    const result = await onSubmit(pin);
    setBusy(false);
    setPin('');
    setOutcome(result);
  };
  return (
    <section className="kiosk-screen kiosk-duty" aria-labelledby="kiosk-duty-title" lang="vi">
      <h1 id="kiosk-duty-title" ref={heading} tabIndex={-1}>
        Đổi cán bộ trực
      </h1>
      <p id="kiosk-pin-hint">Cán bộ nhập mã PIN của mình để nhận trực tại {counterName} từ bây giờ đến hết ngày.</p>
      <form onSubmit={submit} noValidate className="kiosk-pin-form">
        <label htmlFor="kiosk-pin">Mã PIN</label>
        <input
          id="kiosk-pin"
          name="pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          onChange={(e) => {
            setOutcome(null);
            setPin(e.target.value.replace(/\D/g, '').slice(0, PIN_MAX));
          }}
          aria-describedby="kiosk-pin-hint kiosk-pin-outcome"
          aria-invalid={outcome && !outcome.ok ? true : undefined}
        />
        <div className="kiosk-pin-pad" role="group" aria-label="Bàn phím số">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].map((d) => (
            <button key={d} type="button" className="kiosk-pin-key" onClick={() => press(d)}>
              {d}
            </button>
          ))}
          <button type="button" className="kiosk-pin-key" aria-label="Xoá một chữ số" onClick={() => setPin((p) => p.slice(0, -1))}>
            ⌫
          </button>
        </div>
        <p id="kiosk-pin-outcome" className={outcome?.ok ? 'kiosk-ok' : 'kiosk-error'} role={outcome && !outcome.ok ? 'alert' : 'status'}>
          {outcome?.message}
        </p>
        <div className="kiosk-pin-actions">
          <button type="submit" className="kiosk-button" disabled={busy}>
            {busy ? 'Đang kiểm tra…' : 'Nhận trực'}
          </button>
          <button type="button" className="kiosk-button secondary" onClick={onClose}>
            {outcome?.ok ? 'Xong' : 'Huỷ'}
          </button>
        </div>
      </form>
    </section>
  );
}
