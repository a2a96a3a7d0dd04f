import Head from 'next/head';
import { HOME_CSS } from './home-styles';

/**
 * The document head of the public pages that share the home page's look
 * (the finder, the 404 page): Pages Router pages without Next's client
 * runtime (docs/decisions/002), their stylesheet inlined.
 */
export function HomeShell({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <>
      <Head>
        <title>{title}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#a3141c" />
        {description ? <meta name="description" content={description} /> : null}
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        <style dangerouslySetInnerHTML={{ __html: HOME_CSS }} />
      </Head>
      {children}
    </>
  );
}
