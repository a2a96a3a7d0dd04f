import type { Lang } from '@/lib/i18n';
import { renderMessage, type Message } from '@/lib/i18n/messages';
import { SURVEY_TEXT } from '@/lib/i18n/survey-text';
import type { ChoiceQuestion, QuestionSetDefinition, ScaleQuestion } from '@/lib/survey/question-set';
import { LOW_SCORE_MAX, SCALE_LABELS, SCALE_VALUES } from '@/lib/survey/scale';
import { Face, FaceSprite } from './faces';

export type SurveyFormProps = {
  action: string;
  lang: Lang;
  channel: 'qr' | 'web';
  submissionId: string;
  /** Signs the submission id for this browser (lib/survey/form-token.ts). */
  formToken: string;
  definition: QuestionSetDefinition;
  procedureFields: { id: number; name: string }[];
  consentText: string;
  /** What the citizen posted, shown again when something must be fixed. */
  values: Record<string, string[]>;
  errors: Record<string, Message>;
  formError: Message | null;
  /** A dossier's link (pages/h/[token].tsx): its own heading, level (h2 under the rating shown) and button. */
  title?: string;
  intro?: string;
  headingLevel?: 1 | 2;
  submitLabel?: string;
};

/** The form's state as a page's props carry it (pages/s/[code], pages/h/[token]): `consent` becomes `consentText`. */
export type SurveyFormData = Pick<SurveyFormProps, 'submissionId' | 'formToken' | 'definition' | 'procedureFields' | 'values' | 'errors' | 'formError'> & {
  consent: string;
};

/**
 * The one-screen survey. A plain HTML form that works without JavaScript;
 * /survey.js only adds the comment counter and the double-submit guard.
 */
export function SurveyForm(p: SurveyFormProps) {
  const t = SURVEY_TEXT[p.lang];
  const required = p.definition.questions.filter((q): q is ScaleQuestion => q.kind === 'scale5' && q.required);
  const optionalScales = p.definition.questions.filter((q): q is ScaleQuestion => q.kind === 'scale5' && !q.required);
  const choices = p.definition.questions.filter((q): q is ChoiceQuestion => q.kind === 'choice');
  const reasons = choices.filter((q) => q.onlyWhenLow);
  const otherChoices = choices.filter((q) => !q.onlyWhenLow);
  const errorEntries = Object.entries(p.errors);
  const value = (name: string) => p.values[name]?.[0] ?? '';
  const moreOpen = [...optionalScales, ...otherChoices].some((q) => p.values[q.key]?.length) || Boolean(value('procedure'));
  const contactOpen = Boolean(value('phone') || value('consent') || p.errors.phone || p.errors.consent);

  return (
    <>
      <FaceSprite />
      {p.headingLevel === 2 ? <h2>{p.title ?? t.title}</h2> : <h1>{p.title ?? t.title}</h1>}
      <p className="intro">{p.intro ?? t.intro}</p>
      {p.formError ? (
        <div className="alert" role="alert" id="form-errors" tabIndex={-1}>
          <h2>{t.errorTitle}</h2>
          <p>{renderMessage(p.formError, p.lang)}</p>
          {errorEntries.length ? (
            <ul>
              {errorEntries.map(([field, msg]) => (
                <li key={field}>
                  <a href={`#${field}-field`}>{renderMessage(msg, p.lang)}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <form method="post" action={p.action} data-survey="" acceptCharset="UTF-8">
        <input type="hidden" name="submissionId" value={p.submissionId} />
        <input type="hidden" name="formToken" value={p.formToken} />
        <input type="hidden" name="lang" value={p.lang} />
        <input type="hidden" name="kenh" value={p.channel} />

        {required.map((q, i) => (
          <ScaleField key={q.key} q={q} lang={p.lang} number={i + 1} checked={value(q.key)} error={p.errors[q.key]} requiredLabel={t.required} />
        ))}

        {reasons.map((q) => (
          <ChoiceField key={q.key} q={q} lang={p.lang} className="reasons" hint={t.reasonsHint} checked={p.values[q.key] ?? []} error={p.errors[q.key]} />
        ))}

        <div className={p.errors.comment ? 'has-error' : undefined} id="comment-field">
          <label className="block" htmlFor="comment">
            {t.comment}
          </label>
          <textarea
            id="comment"
            name="comment"
            rows={3}
            maxLength={p.definition.commentMaxLength}
            defaultValue={value('comment')}
            aria-describedby={p.errors.comment ? 'comment-error comment-hint' : 'comment-hint'}
            aria-invalid={p.errors.comment ? true : undefined}
          />
          {p.errors.comment ? (
            <p className="error" id="comment-error">
              {renderMessage(p.errors.comment, p.lang)}
            </p>
          ) : null}
          <p className="hint" id="comment-hint" data-max={p.definition.commentMaxLength} data-unit={t.commentCount} aria-live="polite">
            {t.commentLimit.replace('{max}', String(p.definition.commentMaxLength))}
          </p>
        </div>

        <details open={moreOpen || undefined}>
          <summary>{t.more}</summary>
          <p className="hint">{t.moreHint}</p>
          {optionalScales.map((q) => (
            <ScaleField key={q.key} q={q} lang={p.lang} compact checked={value(q.key)} error={p.errors[q.key]} />
          ))}
          {otherChoices.map((q) => (
            <ChoiceField key={q.key} q={q} lang={p.lang} checked={p.values[q.key] ?? []} error={p.errors[q.key]} />
          ))}
          {p.procedureFields.length ? (
            <div id="procedure-field" className={p.errors.procedure ? 'has-error' : undefined}>
              <label className="block" htmlFor="procedure">
                {t.procedure}
              </label>
              <select id="procedure" name="procedure" defaultValue={value('procedure')}>
                <option value="">{t.procedureNone}</option>
                {p.procedureFields.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
              {p.errors.procedure ? <p className="error">{renderMessage(p.errors.procedure, p.lang)}</p> : null}
            </div>
          ) : null}
          <p />
        </details>

        <details open={contactOpen || undefined}>
          <summary>{t.contact}</summary>
          <p className="hint">{t.contactHint}</p>
          <div id="phone-field" className={p.errors.phone ? 'has-error' : undefined}>
            <label className="block" htmlFor="phone">
              {t.phone}
            </label>
            <input
              type="tel"
              id="phone"
              name="phone"
              autoComplete="tel"
              inputMode="tel"
              maxLength={20}
              defaultValue={value('phone')}
              aria-invalid={p.errors.phone ? true : undefined}
              aria-describedby={p.errors.phone ? 'phone-error' : undefined}
            />
            {p.errors.phone ? (
              <p className="error" id="phone-error">
                {renderMessage(p.errors.phone, p.lang)}
              </p>
            ) : null}
          </div>
          <div id="consent-field">
            <label className="check">
              <input
                type="checkbox"
                name="consent"
                value="yes"
                defaultChecked={value('consent') === 'yes'}
                aria-invalid={p.errors.consent ? true : undefined}
                aria-describedby={p.errors.consent ? 'consent-error' : undefined}
              />
              <span>{p.consentText}</span>
            </label>
            {p.errors.consent ? (
              <p className="error" id="consent-error">
                {renderMessage(p.errors.consent, p.lang)}
              </p>
            ) : null}
          </div>
        </details>

        <button type="submit" className="submit" data-sending={t.sending}>
          {p.submitLabel ?? t.submit}
        </button>
      </form>
    </>
  );
}

function ScaleField(props: {
  q: ScaleQuestion;
  lang: Lang;
  number?: number;
  compact?: boolean;
  checked: string;
  error?: Message;
  requiredLabel?: string;
}) {
  const { q, lang, error } = props;
  const errorId = `${q.key}-error`;
  return (
    <fieldset
      id={`${q.key}-field`}
      className={[props.compact ? 'compact' : '', error ? 'has-error' : ''].join(' ').trim() || undefined}
      aria-describedby={error ? errorId : undefined}
    >
      <legend>
        {props.number ? `${props.number}. ` : ''}
        {q.text[lang]} {q.required ? <span className="req">{props.requiredLabel}</span> : null}
      </legend>
      {error ? (
        <p className="error" id={errorId}>
          {renderMessage(error, lang)}
        </p>
      ) : null}
      <div className="scale">
        {SCALE_VALUES.map((v) => (
          <label key={v} className="opt">
            <input type="radio" name={q.key} value={v} required={q.required} defaultChecked={props.checked === String(v)} />
            <Face value={v} />
            <span>{SCALE_LABELS[v][lang]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function ChoiceField(props: { q: ChoiceQuestion; lang: Lang; className?: string; hint?: string; checked: string[]; error?: Message }) {
  const { q, lang, error } = props;
  return (
    <fieldset id={`${q.key}-field`} className={props.className} aria-describedby={error ? `${q.key}-error` : undefined}>
      <legend>{q.text[lang]}</legend>
      {props.hint ? <p className="hint">{props.hint}</p> : null}
      {error ? (
        <p className="error" id={`${q.key}-error`}>
          {renderMessage(error, lang)}
        </p>
      ) : null}
      <div className="choices">
        {q.options.map((o) => (
          <label key={o.value} className="chip">
            <input type={q.multiple ? 'checkbox' : 'radio'} name={q.key} value={o.value} defaultChecked={props.checked.includes(o.value)} />
            <span>{o.label[lang]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * CSS that shows the reasons only while a required answer is low. Browsers
 * without :has() keep them visible, which is harmless: the server drops
 * reasons that came with a high score.
 */
export function lowScoreCss(definition: QuestionSetDefinition): string {
  const keys = definition.questions.filter((q) => q.kind === 'scale5' && q.required).map((q) => q.key);
  const lows = SCALE_VALUES.filter((v) => v <= LOW_SCORE_MAX);
  const selectors = keys.flatMap((k) => lows.map((v) => `input[name="${k}"][value="${v}"]:checked`)).join(',');
  return `@supports selector(:has(*)){.reasons{display:none}form:has(${selectors}) .reasons{display:block}}`;
}
