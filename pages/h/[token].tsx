import type { GetServerSideProps } from 'next';
import { CitizenShell } from '@/components/survey/citizen-shell';
import { Face, FaceSprite } from '@/components/survey/faces';
import { lowScoreCss, SurveyForm, type SurveyFormData } from '@/components/survey/survey-form';
import { getEnv } from '@/lib/env';
import { formatDate, formatDateTime } from '@/lib/format';
import { pickLang, type Lang } from '@/lib/i18n';
import { DOSSIER_TEXT } from '@/lib/i18n/dossier-text';
import type { Message } from '@/lib/i18n/messages';
import { SURVEY_TEXT } from '@/lib/i18n/survey-text';
import { consentText } from '@/lib/survey/consent';
import type { QuestionSetDefinition } from '@/lib/survey/question-set';
import { isScaleValue, SCALE_LABELS } from '@/lib/survey/scale';
import { loadDossierLink, submitDossierRating } from '@/server/dossier-ratings';
import { ensureDeviceId, readDeviceId } from '@/server/http';
import { issueForm, newSubmissionId } from '@/server/survey';

/**
 * A dossier's rating link (docs/decisions/027): the light survey of /s/<code>
 * with the dossier's code and procedure (no personal data), one rating per
 * dossier, changeable for 7 days, then shown read only. No client runtime,
 * works without JavaScript (docs/decisions/002).
 */
export const config = { unstable_runtimeJS: false };

type Gone = { gone: 'unknown' | 'expired'; lang: Lang; office: string | null; officeCode: string | null };

type Answered = { question: string; answer: string; score: number | null };

type Props = {
  lang: Lang;
  token: string;
  office: string;
  counter: string | null;
  dossier: { code: string; procedure: string; receivedAt: number; returnedAt: number | null };
  state: 'open' | 'changeable' | 'final';
  /** Just stored or changed (the redirect after the post). */
  thanked: boolean;
  rating: { at: number; answers: Answered[]; comment: string | null; receiptCode: string | null; changeableUntil: number } | null;
  form: SurveyFormData | null;
};

const TOKEN_PATH = (token: string, lang: Lang, thanked = false) => {
  const q = new URLSearchParams();
  if (lang !== 'vi') q.set('lang', lang);
  if (thanked) q.set('da-gui', '1');
  const qs = q.toString();
  return `/h/${encodeURIComponent(token)}${qs ? `?${qs}` : ''}`;
};

export const getServerSideProps: GetServerSideProps<Props | Gone, { token: string }> = async ({ params, query, req, res }) => {
  const token = params?.token ?? '';
  let lang = pickLang(query.lang);
  const link = await loadDossierLink(token);
  if (link.kind !== 'open') {
    req.resume();
    res.statusCode = link.kind === 'unknown' ? 404 : 410;
    res.setHeader('Cache-Control', 'no-store');
    return {
      props: link.kind === 'unknown' ? { gone: 'unknown', lang, office: null, officeCode: null } : { gone: 'expired', lang, office: link.office, officeCode: link.officeCode },
    };
  }

  let submissionId: string = newSubmissionId();
  let values: Record<string, string[]> = {};
  let errors: Record<string, Message> = {};
  let formError: Message | null = null;
  const device = readDeviceId(req);

  if (req.method === 'POST') {
    const outcome = await submitDossierRating(req, res, link);
    if (outcome.kind === 'stored') return { redirect: { destination: TOKEN_PATH(token, outcome.lang, true), statusCode: 303 } };
    if (outcome.kind === 'aborted') {
      res.statusCode = 400;
    } else {
      res.statusCode = outcome.status;
      if (outcome.retryAfterS !== undefined) res.setHeader('Retry-After', String(outcome.retryAfterS));
      values = Object.fromEntries(outcome.values);
      lang = pickLang(values.lang?.[0] ?? lang);
      if (outcome.keepId) submissionId = values.submissionId?.[0] ?? submissionId;
      errors = outcome.fieldErrors;
      formError = outcome.error;
    }
  } else {
    ensureDeviceId(req, res);
    res.setHeader('Cache-Control', 'private, no-cache');
  }

  const { dossier, survey, rating, state } = link;
  if (rating && req.method !== 'POST') values = valuesOf(rating);
  return {
    props: {
      lang,
      token,
      office: survey.target.unit.name,
      counter: survey.target.counter?.name ?? null,
      dossier: { code: dossier.code, procedure: dossier.procedure, receivedAt: dossier.receivedAt, returnedAt: dossier.returnedAt },
      state,
      thanked: query['da-gui'] === '1' && rating !== null,
      rating: rating
        ? {
            at: rating.submittedAt,
            answers: answeredOf(rating.definition, rating.answers, lang),
            comment: rating.comment,
            receiptCode: rating.receiptCode,
            changeableUntil: link.changeableUntil!,
          }
        : null,
      form:
        state === 'final'
          ? null
          : {
              ...issueForm(submissionId, device),
              definition: survey.definition,
              procedureFields: await survey.procedureFields(),
              consent: consentText(lang, survey.target.unit.name, getEnv().CONTACT_RETENTION_MONTHS),
              values,
              errors,
              formError,
            },
    },
  };
};

/** The rating's answers as the form's values: the change form opens on what was given. */
function valuesOf(rating: { answers: { questionKey: string; score: number | null; choice: string | null }[]; comment: string | null; procedureFieldId: number | null }) {
  const values: Record<string, string[]> = {};
  for (const a of rating.answers) (values[a.questionKey] ??= []).push(a.score !== null ? String(a.score) : a.choice!);
  if (rating.comment) values.comment = [rating.comment];
  if (rating.procedureFieldId !== null) values.procedure = [String(rating.procedureFieldId)];
  return values;
}

function answeredOf(definition: QuestionSetDefinition, answers: { questionKey: string; score: number | null; choice: string | null }[], lang: Lang): Answered[] {
  const out: Answered[] = [];
  for (const q of definition.questions) {
    const mine = answers.filter((a) => a.questionKey === q.key);
    if (q.kind === 'scale5') {
      const score = mine[0]?.score ?? null;
      if (score === null && !q.required) continue;
      out.push({ question: q.text[lang], answer: score !== null && isScaleValue(score) ? SCALE_LABELS[score][lang] : DOSSIER_TEXT[lang].noAnswer, score });
    } else if (mine.length) {
      const labels = mine.map((a) => q.options.find((o) => o.value === a.choice)?.label[lang] ?? a.choice ?? '');
      out.push({ question: q.text[lang], answer: labels.join(', '), score: null });
    }
  }
  return out;
}

const CSS = `.dossier{border:2px solid var(--line);border-radius:.75rem;padding:.5rem 1rem;margin:0 0 1rem}
.dossier .label{font-weight:700;margin:.25rem 0}.given h2{font-size:1.0625rem;margin:.25rem 0}
.dossier dl,.given dl{margin:.25rem 0;display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem}
.dossier dt,.given dt{color:var(--muted)}.dossier dd,.given dd{margin:0;font-weight:600}
.given dl>div{display:contents}.given dd{display:flex;align-items:center;gap:.5rem}.given .face{width:32px;height:32px;flex:none}
.status{border:3px solid #1b6e3a;border-radius:.75rem;padding:.5rem 1rem;margin:0 0 1rem}
.status h2{margin:.25rem 0;font-size:1.25rem}.note{color:var(--muted)}
.gone{padding:1rem 0}`;

export default function DossierRatingPage(props: Props | Gone) {
  if ('gone' in props) return <GonePage {...props} />;
  const p = props;
  const t = DOSSIER_TEXT[p.lang];
  const s = SURVEY_TEXT[p.lang];
  const other: Lang = p.lang === 'en' ? 'vi' : 'en';
  const dossierBox = (
    <section className="dossier" aria-labelledby="dossier-label">
      <p id="dossier-label" className="label">
        {t.dossierLabel}
      </p>
      <dl>
        <dt>{t.code}</dt>
        <dd>{p.dossier.code}</dd>
        {p.dossier.procedure ? (
          <>
            <dt>{t.procedure}</dt>
            <dd>{p.dossier.procedure}</dd>
          </>
        ) : null}
        <dt>{t.received}</dt>
        <dd>{formatDate(p.dossier.receivedAt)}</dd>
        <dt>{t.returned}</dt>
        <dd>{p.dossier.returnedAt === null ? t.notReturned : formatDate(p.dossier.returnedAt)}</dd>
      </dl>
    </section>
  );
  const form = p.form ? (
    <SurveyForm
      action={TOKEN_PATH(p.token, p.lang)}
      lang={p.lang}
      channel="qr"
      submissionId={p.form.submissionId}
      formToken={p.form.formToken}
      definition={p.form.definition}
      procedureFields={p.form.procedureFields}
      consentText={p.form.consent}
      values={p.form.values}
      errors={p.form.errors}
      formError={p.form.formError}
      title={p.rating ? t.changeTitle : t.title}
      intro={p.rating ? t.changeIntro : t.intro}
      headingLevel={p.rating ? 2 : 1}
      submitLabel={p.rating ? t.changeSubmit : undefined}
    />
  ) : null;
  return (
    <CitizenShell
      lang={p.lang}
      title={t.title}
      office={p.office}
      counter={p.counter}
      switchHref={TOKEN_PATH(p.token, other)}
      switchLabel={t.switchLang}
      extraCss={CSS + (p.form ? lowScoreCss(p.form.definition) : '')}
    >
      {p.rating ? (
        <>
          <FaceSprite />
          <h1>{t.ratedTitle}</h1>
          {p.thanked ? (
            <section className="status" role="status" aria-labelledby="thanks-title">
              <h2 id="thanks-title">{t.thanksTitle}</h2>
              <p>{t.thanksBody}</p>
            </section>
          ) : null}
          {dossierBox}
          <section className="given" aria-labelledby="given-title">
            <h2 id="given-title">
              {t.ratedAt} {formatDateTime(p.rating.at)}
            </h2>
            <dl>
              {p.rating.answers.map((a) => (
                <div key={a.question}>
                  <dt>{a.question}</dt>
                  <dd>
                    {a.score !== null && isScaleValue(a.score) ? <Face value={a.score} /> : null}
                    {a.answer}
                  </dd>
                </div>
              ))}
              {p.rating.comment ? (
                <>
                  <dt>{t.comment}</dt>
                  <dd>{p.rating.comment}</dd>
                </>
              ) : null}
            </dl>
            {p.rating.receiptCode && p.rating.comment ? (
              <p>
                {s.receiptLabel}: <strong className="receipt-inline">{p.rating.receiptCode}</strong> ·{' '}
                <a href={`/tra-cuu?ma=${p.rating.receiptCode}${p.lang === 'en' ? '&lang=en' : ''}`}>{s.receiptLookup}</a>
              </p>
            ) : null}
            <p className="note">{p.state === 'changeable' ? t.changeUntil(formatDateTime(p.rating.changeableUntil)) : t.final}</p>
          </section>
          {form}
        </>
      ) : (
        <>
          {dossierBox}
          {form}
        </>
      )}
      {p.form ? <script src="/survey.js" defer /> : null}
    </CitizenShell>
  );
}

function GonePage(p: Gone) {
  const t = DOSSIER_TEXT[p.lang];
  return (
    <CitizenShell lang={p.lang} title={p.gone === 'unknown' ? t.unknownTitle : t.expiredTitle} office={p.office ?? undefined} extraCss={CSS}>
      <div className="gone">
        {p.gone === 'unknown' ? (
          <>
            <h1>{t.unknownTitle}</h1>
            <p>{t.unknownBody}</p>
            <p>{t.unknownHint}</p>
            <p>
              <a className="button" href={p.lang === 'en' ? '/?lang=en' : '/'}>
                {t.findOffice}
              </a>
            </p>
          </>
        ) : (
          <>
            <h1>{t.expiredTitle}</h1>
            <p>{t.expiredBody(p.office ?? '')}</p>
            <p>
              <a className="button" href={p.officeCode ? `/s/${p.officeCode}${p.lang === 'en' ? '?lang=en' : ''}` : p.lang === 'en' ? '/?lang=en' : '/'}>
                {t.officeSurvey}
              </a>
            </p>
          </>
        )}
      </div>
    </CitizenShell>
  );
}
