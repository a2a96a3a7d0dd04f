import type { NextPageContext } from 'next';
import { CitizenError, type CitizenErrorProps } from '@/components/errors/citizen-error';
import { AppError, toAppError } from '@/lib/errors';
import { pickLang } from '@/lib/i18n';

/**
 * The error page of the citizen pages (Pages Router): Vietnamese, plain HTML
 * without the client runtime. A busy or unreachable database answers 503
 * with Retry-After, so a phone or a proxy knows to try again shortly.
 *
 * Next renders this page first for every failure of a Pages Router page,
 * before the static pages/500: the status set here decides which of the two
 * is sent (a 503 is not a static status page, so this one is).
 */
export const config = { unstable_runtimeJS: false };

function CitizenErrorPage(props: CitizenErrorProps) {
  return <CitizenError {...props} />;
}

CitizenErrorPage.getInitialProps = ({ res, req, err, query, asPath }: NextPageContext): CitizenErrorProps => {
  const status = res?.statusCode ?? 500;
  const appError = err ? toAppError(err) : status === 404 ? new AppError('not_found') : status === 400 ? new AppError('bad_request') : new AppError('internal');
  if (res && appError.status === 503) {
    res.statusCode = 503;
    res.setHeader('Retry-After', String(appError.retryAfterS));
    res.setHeader('Cache-Control', 'no-store');
  }
  const isGet = !req?.method || req.method === 'GET' || req.method === 'HEAD';
  return {
    lang: pickLang(query.lang),
    code: appError.code,
    retryHref: isGet && asPath?.startsWith('/') && !asPath.startsWith('//') ? asPath : null,
  };
};

export default CitizenErrorPage;
