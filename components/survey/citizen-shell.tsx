import Head from 'next/head';
import type { Lang } from '@/lib/i18n';
import { CITIZEN_CSS } from './citizen-styles';

/** The light page frame shared by the survey, thank-you and error pages. */
export function CitizenShell(props: {
  lang: Lang;
  title: string;
  office?: string;
  counter?: string | null;
  counterLabel?: string;
  switchHref?: string;
  switchLabel?: string;
  extraCss?: string;
  children: React.ReactNode;
}) {
  const otherLang = props.lang === 'en' ? 'vi' : 'en';
  return (
    <>
      <Head>
        <title>{props.office ? `${props.title} · ${props.office}` : props.title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#a3141c" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        <style dangerouslySetInnerHTML={{ __html: CITIZEN_CSS + (props.extraCss ?? '') }} />
      </Head>
      <header className="top">
        <div className="row">
          <div>
            {props.office ? <p className="office">{props.office}</p> : <p className="office">Hài Lòng</p>}
            {props.counter ? (
              <p className="counter">
                {props.counter}
              </p>
            ) : null}
          </div>
          {props.switchHref ? (
            <a className="lang" href={props.switchHref} hrefLang={otherLang} lang={otherLang}>
              {props.switchLabel}
            </a>
          ) : null}
        </div>
      </header>
      <main id="main">{props.children}</main>
    </>
  );
}
