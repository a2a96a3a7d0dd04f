import { Head, Html, Main, NextScript, type DocumentProps } from 'next/document';

/** The Pages Router serves only the citizen pages; their language comes from page props. */
export default function Document(props: DocumentProps) {
  const lang = (props.__NEXT_DATA__.props as { pageProps?: { lang?: string } } | undefined)?.pageProps?.lang === 'en' ? 'en' : 'vi';
  return (
    <Html lang={lang}>
      <Head />
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
