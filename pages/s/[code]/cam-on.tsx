import type { GetServerSideProps } from 'next';
import { answerNotFound, NotFoundPage } from '@/components/home/not-found-page';
import { CitizenShell } from '@/components/survey/citizen-shell';
import { Face, FaceSprite } from '@/components/survey/faces';
import { CODE_ALPHABET, RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { pickLang, type Lang } from '@/lib/i18n';
import { SURVEY_TEXT } from '@/lib/i18n/survey-text';
import { thanksPath } from '@/lib/survey/paths';
import { loadSurvey } from '@/server/survey';

export const config = { unstable_runtimeJS: false };

const RECEIPT = new RegExp(`^[${CODE_ALPHABET}]{${RECEIPT_CODE_LENGTH}}$`);

type Missing = { missing: true; lang: Lang };
type Props = { lang: Lang; code: string; office: string; counter: string | null; receipt: string | null; low: boolean };

export const getServerSideProps: GetServerSideProps<Props | Missing, { code: string }> = async ({ params, query, res }) => {
  const survey = await loadSurvey(params?.code ?? '');
  if (!survey) return answerNotFound(res, pickLang(query.lang));
  const ma = typeof query.ma === 'string' && RECEIPT.test(query.ma) ? query.ma : null;
  return {
    props: {
      lang: pickLang(query.lang),
      code: survey.target.code,
      office: survey.target.unit.name,
      counter: survey.target.counter?.name ?? null,
      receipt: ma,
      low: query.muc === 'thap',
    },
  };
};

const LOW_CSS = `.next{border:2px solid var(--line);border-radius:.75rem;padding:.25rem 1rem;margin:1rem 0}.next h2{font-size:1.125rem;margin:.75rem 0 .25rem}.next li{margin:.375rem 0}.after-low{padding:1rem 0}.after-low .receipt-box{text-align:center}`;

export default function ThanksPage(props: Props | Missing) {
  if ('missing' in props) return <NotFoundPage lang={props.lang} />;
  const p = props;
  const t = SURVEY_TEXT[p.lang];
  const other: Lang = p.lang === 'en' ? 'vi' : 'en';
  const lookupHref = `/tra-cuu?ma=${p.receipt}${p.lang === 'en' ? '&lang=en' : ''}`;
  const receipt = p.receipt ? (
    <section aria-labelledby="receipt-label" className="receipt-box">
      <h2 id="receipt-label">{t.receiptLabel}</h2>
      <p className="receipt">{p.receipt}</p>
      <p>{t.receiptHint}</p>
      <p>
        <a href={lookupHref}>{t.receiptLookup}</a>
      </p>
    </section>
  ) : null;
  const home = (
    <p>
      <a className="button" href={p.lang === 'en' ? '/?lang=en' : '/'}>
        {t.home}
      </a>
    </p>
  );
  return (
    <CitizenShell
      lang={p.lang}
      title={p.low ? t.lowTitle : t.thanksTitle}
      office={p.office}
      counter={p.counter}
      switchHref={thanksPath(p.code, other, p.receipt, p.low)}
      switchLabel={t.switchLang}
      extraCss={p.low ? LOW_CSS : undefined}
    >
      {p.low ? (
        // After a low score: no smiling face; thanks, and what the office does with it.
        <div className="after-low">
          <h1>{t.lowTitle}</h1>
          <p>{t.lowBody}</p>
          <section className="next" aria-labelledby="next-title">
            <h2 id="next-title">{t.nextTitle}</h2>
            <ul>
              <li>{t.nextHead(p.office)}</li>
              {p.receipt ? <li>{t.nextReply}</li> : <li>{t.nextReport}</li>}
            </ul>
          </section>
          {receipt}
          {home}
        </div>
      ) : (
        <>
          <FaceSprite />
          <div className="thanks">
            <Face value={5} />
            <h1>{t.thanksTitle}</h1>
            <p>{t.thanksBody}</p>
            {receipt}
            {home}
          </div>
        </>
      )}
    </CitizenShell>
  );
}
