import type { GetServerSideProps } from 'next';
import { answerNotFound, NotFoundPage } from '@/components/home/not-found-page';
import { hrefIn, inProvince, intervalText, PublicShell, rateText, switchHrefOf } from '@/components/public/results';
import { getEnv } from '@/lib/env';
import { formatDate } from '@/lib/format';
import { pickLang, type Lang } from '@/lib/i18n';
import { PUBLIC_TEXT } from '@/lib/i18n/public-text';
import { BADGE_SIZE } from '@/lib/publishing/badge';
import { formatNumber, formatTotal, periodLabel, publicRate, type PublishedFigure } from '@/lib/publishing/publication';
import { loadPublicOffice, provinceParam } from '@/server/public-results';

/**
 * One office in one published period, at a stable address for the press
 * (/cong-khai/2026-Q3/TTHC22): its rate, n, interval and rank, the year's
 * classification, its other published periods, and its embeddable badge.
 */
export const config = { unstable_runtimeJS: false };

type Props =
  | { missing: true; lang: Lang }
  | {
      lang: Lang;
      /** The office's province as `?tinh=`, for the links to its period and overview (null when the platform has one). */
      tinh: string | null;
      periodKey: string;
      label: string;
      isYear: boolean;
      provinceName: string;
      publishedAt: string;
      figure: PublishedFigure;
      ranked: number;
      others: { key: string; label: string; rate: string }[];
      badgeUrl: string;
    };

export const getServerSideProps: GetServerSideProps<Props, { period: string; code: string }> = async ({ params, query, res }) => {
  const lang = pickLang(query.lang);
  const found = await loadPublicOffice(params?.period ?? '', params?.code ?? '');
  if (!found) return answerNotFound(res, lang);
  const { index, view, figure, others } = found;
  res.setHeader('Cache-Control', 'public, no-cache');
  const code = encodeURIComponent(figure.code ?? '');
  return {
    props: {
      lang,
      tinh: provinceParam(index),
      periodKey: view.period.key,
      label: periodLabel(view.period, lang),
      isYear: view.period.kind === 'year',
      provinceName: view.provinceName,
      publishedAt: view.publishedAt.toISOString(),
      figure,
      ranked: view.ranked,
      others: others.map((o) => ({ key: o.period.key, label: periodLabel(o.period, lang), rate: rateText(o.figure, lang) })),
      badgeUrl: `${getEnv().PUBLIC_BASE_URL.replace(/\/$/, '')}/cong-khai/${view.period.key}/${code}/huy-hieu.svg${lang === 'en' ? '?lang=en' : ''}`,
    },
  };
};

export default function PublishedOfficePage(props: Props) {
  if ('missing' in props) return <NotFoundPage lang={props.lang} />;
  const { lang, tinh, periodKey: key, label, isYear, provinceName, publishedAt, figure, ranked, others, badgeUrl } = props;
  const t = PUBLIC_TEXT[lang];
  const r = publicRate(figure);
  const code = encodeURIComponent(figure.code ?? '');
  const badgePath = `/cong-khai/${key}/${code}/huy-hieu.svg${lang === 'en' ? '?lang=en' : ''}`;
  const alt = t.badgeAlt(figure.name, label);
  const embed = `<a href="${badgeUrl.replace(/\/huy-hieu\.svg.*$/, '')}"><img src="${badgeUrl}" width="${BADGE_SIZE.width}" height="${BADGE_SIZE.height}" alt="${alt.replace(/"/g, '&quot;')}"></a>`;
  return (
    <PublicShell lang={lang} title={`${figure.name} — ${t.officeIn(label)}`} switchHref={switchHrefOf(lang, `/cong-khai/${key}/${code}`)}>
      <p>
        <a href={hrefIn(lang, inProvince(`/cong-khai/${key}`, tinh))}>
          {isYear ? t.yearHeading(label) : t.quarterHeading(label)} — {provinceName}
        </a>
      </p>
      <h1>{figure.name}</h1>
      <p className="muted">
        {t.officeIn(label)} · {t.publishedOn(formatDate(publishedAt))}
      </p>
      <div className="province">
        <p>{t.rate}</p>
        <p className="big">{rateText(figure, lang)}</p>
        <p>
          n = {formatNumber(figure.respondents, lang)}
          {r.enoughData ? ` · ${t.interval}: ${intervalText(figure, lang)}` : ` · ${t.notEnoughNote}`}
        </p>
        {figure.rank !== null ? <p>{t.rankOf(figure.rank, ranked)}</p> : null}
        {isYear && figure.finalClass ? (
          <p>
            <strong>{t.classificationOf(figure.finalClass)}</strong>
            {figure.totalX100 !== null ? ` (${formatTotal(figure.totalX100, lang)} ${t.points})` : ''}
          </p>
        ) : null}
      </div>
      <p className="muted">{t.rankingRule}</p>
      {others.length > 0 ? (
        <section aria-labelledby="ky-khac">
          <h2 id="ky-khac">{t.otherPeriods}</h2>
          <ul className="links">
            {others.map((o) => (
              <li key={o.key}>
                <a href={hrefIn(lang, `/cong-khai/${o.key}/${code}`)}>
                  {o.label}: {o.rate}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="huy-hieu">
        <h2 id="huy-hieu">{t.badge}</h2>
        {/* eslint-disable-next-line @next/next/no-img-element -- a plain image: these pages have no client runtime (docs/decisions/002) */}
        <img src={badgePath} width={BADGE_SIZE.width} height={BADGE_SIZE.height} alt={alt} />
        <p>{t.badgeHint}</p>
        <code className="embed">{embed}</code>
      </section>
      <ul className="links">
        <li>
          <a href={inProvince(`/cong-khai/${key}/du-lieu.csv`, tinh)}>{t.csv}</a>
        </li>
        <li>
          <a href={inProvince(`/cong-khai/${key}/du-lieu.json`, tinh)}>{t.json}</a>
        </li>
        <li>
          <a href={hrefIn(lang, '/cong-khai#dinh-nghia')}>{t.definitionsLink}</a>
        </li>
      </ul>
    </PublicShell>
  );
}
