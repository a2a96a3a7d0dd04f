import type { GetServerSideProps } from 'next';
import { CitizenShell } from '@/components/survey/citizen-shell';
import { Face, FaceSprite } from '@/components/survey/faces';
import { CODE_ALPHABET, RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { pickLang, type Lang } from '@/lib/i18n';
import { SURVEY_TEXT } from '@/lib/i18n/survey-text';
import { loadSurvey } from '@/server/survey';

export const config = { unstable_runtimeJS: false };

/** Where a stored rating lands: a GET, so reloading never posts twice. */
export function thanksPath(code: string, lang: Lang, receiptCode: string | null): string {
  const q = new URLSearchParams();
  if (lang !== 'vi') q.set('lang', lang);
  if (receiptCode) q.set('ma', receiptCode);
  const qs = q.toString();
  return `/s/${code}/cam-on${qs ? `?${qs}` : ''}`;
}

const RECEIPT = new RegExp(`^[${CODE_ALPHABET}]{${RECEIPT_CODE_LENGTH}}$`);

type Props = { lang: Lang; code: string; office: string; counter: string | null; receipt: string | null };

export const getServerSideProps: GetServerSideProps<Props, { code: string }> = async ({ params, query }) => {
  const survey = await loadSurvey(params?.code ?? '');
  if (!survey) return { notFound: true };
  const ma = typeof query.ma === 'string' && RECEIPT.test(query.ma) ? query.ma : null;
  return {
    props: {
      lang: pickLang(query.lang),
      code: survey.target.code,
      office: survey.target.unit.name,
      counter: survey.target.counter?.name ?? null,
      receipt: ma,
    },
  };
};

export default function ThanksPage(p: Props) {
  const t = SURVEY_TEXT[p.lang];
  const other: Lang = p.lang === 'en' ? 'vi' : 'en';
  return (
    <CitizenShell
      lang={p.lang}
      title={t.thanksTitle}
      office={p.office}
      counter={p.counter}
      switchHref={thanksPath(p.code, other, p.receipt)}
      switchLabel={t.switchLang}
    >
      <FaceSprite />
      <div className="thanks">
        <Face value={5} />
        <h1>{t.thanksTitle}</h1>
        <p>{t.thanksBody}</p>
        {p.receipt ? (
          <section aria-labelledby="receipt-label">
            <h2 id="receipt-label">{t.receiptLabel}</h2>
            <p className="receipt">{p.receipt}</p>
            <p>{t.receiptHint}</p>
            <p>
              <a href={`/tra-cuu?ma=${p.receipt}`}>{t.receiptLookup}</a>
            </p>
          </section>
        ) : null}
        <p>
          <a className="button" href="/">
            {t.home}
          </a>
        </p>
      </div>
    </CitizenShell>
  );
}
