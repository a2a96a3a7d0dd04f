import type { GetServerSideProps } from 'next';
import { answerNotFound, NotFoundPage } from '@/components/home/not-found-page';
import { CitizenShell } from '@/components/survey/citizen-shell';
import { lowScoreCss, SurveyForm, type SurveyFormData } from '@/components/survey/survey-form';
import { pickLang, type Lang } from '@/lib/i18n';
import type { Message } from '@/lib/i18n/messages';
import { SURVEY_TEXT } from '@/lib/i18n/survey-text';
import { consentText } from '@/lib/survey/consent';
import { surveyPostPath, thanksPath } from '@/lib/survey/paths';
import { getEnv } from '@/lib/env';
import { ensureDeviceId, readDeviceId } from '@/server/http';
import { servingAtCounter, type ServingOfficial } from '@/server/duty';
import { issueForm, loadSurvey, newSubmissionId } from '@/server/survey';
import { surveyPostOf } from '@/server/survey-post';
import { ServingLine, SERVING_CSS } from '@/components/survey/serving-line';

/** No client runtime: the survey is plain HTML plus /survey.js (docs/decisions/002). */
export const config = { unstable_runtimeJS: false };

type Missing = { missing: true; lang: Lang };

type Props = {
  lang: Lang;
  code: string;
  office: string;
  counter: string | null;
  /** The official on duty at the counter now (docs/decisions/023); null when nobody or not a counter's code. */
  serving: ServingOfficial | null;
  channel: 'qr' | 'web';
} & SurveyFormData;

export const getServerSideProps: GetServerSideProps<Props | Missing, { code: string }> = async ({ params, query, req, res }) => {
  // A post reads its code's target in the rating's transaction (server/survey.ts submitSurveyAt); a stored
  // one was answered before Next (server/survey-post.ts), which hands the others over to be shown here.
  const posted = req.method === 'POST' ? await surveyPostOf(req, res, params?.code ?? '') : undefined;
  const survey = posted === undefined ? await loadSurvey(params?.code ?? '') : posted?.survey;
  if (!survey) {
    req.resume();
    // Unknown and disabled codes: the light 404 page, not `notFound` (the App Router's page, with its client runtime).
    return answerNotFound(res, pickLang(query.lang));
  }
  const { target } = survey;
  let lang = pickLang(query.lang);
  let channel: 'qr' | 'web' = query.kenh === 'web' ? 'web' : 'qr';
  let submissionId: string = newSubmissionId();
  let values: Record<string, string[]> = {};
  let errors: Record<string, Message> = {};
  let formError: Message | null = null;
  // The form is signed for the device cookie the request carried, not one set in this answer:
  // a browser that does not keep cookies must still be able to send it (lib/survey/form-token.ts).
  const device = readDeviceId(req);

  if (posted) {
    const { outcome } = posted;
    if (outcome.kind === 'stored') {
      return { redirect: { destination: thanksPath(target.code, outcome.lang, outcome.receiptCode, outcome.low), statusCode: 303 } };
    }
    if (outcome.kind === 'aborted') {
      // Nobody is left to read an answer; any status will do, and nothing is logged.
      res.statusCode = 400;
    } else {
      res.statusCode = outcome.status;
      if (outcome.retryAfterS !== undefined) res.setHeader('Retry-After', String(outcome.retryAfterS));
      values = Object.fromEntries(outcome.values);
      lang = pickLang(values.lang?.[0] ?? lang);
      channel = values.kenh?.[0] === 'web' ? 'web' : channel;
      // A refused but genuine post keeps its id, so fixing and resending still stores one response.
      if (outcome.keepId) submissionId = values.submissionId?.[0] ?? submissionId;
      errors = outcome.fieldErrors;
      formError = outcome.error;
    }
  } else {
    ensureDeviceId(req, res);
    // Stale at once but storable (not no-store, not no-cache): the back button shows the same form, with the same submission id.
    res.setHeader('Cache-Control', 'private, max-age=0');
  }

  return {
    props: {
      lang,
      code: target.code,
      office: target.unit.name,
      counter: target.counter?.name ?? null,
      serving: target.counter ? await servingAtCounter(target.counter.id) : null,
      channel,
      ...issueForm(submissionId, device),
      definition: survey.definition,
      procedureFields: await survey.procedureFields(),
      consent: consentText(lang, target.unit.name, getEnv().CONTACT_RETENTION_MONTHS),
      values,
      errors,
      formError,
    },
  };
};

export default function SurveyPage(props: Props | Missing) {
  if ('missing' in props) return <NotFoundPage lang={props.lang} />;
  const p = props;
  const t = SURVEY_TEXT[p.lang];
  const other: Lang = p.lang === 'en' ? 'vi' : 'en';
  const switchHref = `/s/${p.code}?lang=${other}${p.channel === 'web' ? '&kenh=web' : ''}`;
  return (
    <CitizenShell
      lang={p.lang}
      title={t.title}
      office={p.office}
      counter={p.counter}
      switchHref={switchHref}
      switchLabel={t.switchLang}
      extraCss={lowScoreCss(p.definition) + (p.serving ? SERVING_CSS : '')}
    >
      {p.serving && p.counter ? <ServingLine label={t.serving} photoAlt={t.servingPhoto} counter={p.counter} official={p.serving} /> : null}
      <SurveyForm
        action={surveyPostPath(p.code)}
        lang={p.lang}
        channel={p.channel}
        submissionId={p.submissionId}
        formToken={p.formToken}
        definition={p.definition}
        procedureFields={p.procedureFields}
        consentText={p.consent}
        values={p.values}
        errors={p.errors}
        formError={p.formError}
      />
      <p className="lookup-link">
        <a href={p.lang === 'en' ? '/tra-cuu?lang=en' : '/tra-cuu'}>{t.lookupInvite}</a>
      </p>
      <script src="/survey.js" defer />
    </CitizenShell>
  );
}
