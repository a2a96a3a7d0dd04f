import { ReceiptCodeField } from '@/components/survey/receipt-code-field';
import type { ServerResponse } from 'node:http';
import type { ParsedUrlQuery } from 'node:querystring';
import type { GetServerSideProps, GetServerSidePropsResult } from 'next';
import { CitizenShell } from '@/components/survey/citizen-shell';
import { getPublicReplyByReceipt } from '@/db/queries/comments';
import { RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { formatDate, formatDateTime } from '@/lib/format';
import { pickLang, type Lang } from '@/lib/i18n';
import { COMMENT_STATUS_LABELS, parseReceiptCode, type CommentStatusValue } from '@/lib/validation/comments';

/**
 * A citizen reads the office's reply to their comment with the receipt code
 * from the thank-you page. A plain GET form with no client runtime, like the
 * survey. Shows nothing personal: the office, the date, the status, the reply.
 * In English with `?lang=en` (the office's reply stays as it was written).
 */
export const config = { unstable_runtimeJS: false };

type Found = { officeName: string; commentDate: string; status: CommentStatusValue; replyText: string | null; repliedAt: string | null };
type Props = { lang: Lang; typed: string; error: boolean; found: Found | null; notFound: boolean };

const TEXT = {
  vi: {
    title: 'Tra cứu phản hồi góp ý',
    label: 'Mã tra cứu phản hồi',
    hint: `${RECEIPT_CODE_LENGTH} ký tự, in trên trang cảm ơn sau khi Ông/Bà gửi góp ý. Không phân biệt chữ hoa, chữ thường.`,
    invalid: `Mã tra cứu gồm ${RECEIPT_CODE_LENGTH} ký tự (chữ và số), như in trên trang cảm ơn. Ông/Bà vui lòng kiểm tra lại.`,
    submit: 'Tra cứu',
    notFound: (code: string) => `Không tìm thấy mã ${code}`,
    notFoundHint: `Ông/Bà vui lòng kiểm tra lại mã (đủ ${RECEIPT_CODE_LENGTH} ký tự, như in trên trang cảm ơn). Mã chỉ có khi Ông/Bà có ghi ý kiến góp ý.`,
    result: (code: string) => `Góp ý mã ${code}`,
    office: 'Cơ quan',
    date: 'Ngày góp ý',
    status: 'Trạng thái',
    repliedAt: 'Trả lời lúc',
    reply: 'Trả lời của cơ quan',
    statusLabels: COMMENT_STATUS_LABELS,
    statusNote: {
      new: 'Cơ quan đã nhận góp ý và sẽ xem xét. Ông/Bà vui lòng quay lại sau.',
      in_progress: 'Cơ quan đang xem xét, xử lý góp ý. Ông/Bà vui lòng quay lại sau.',
      answered: '',
    },
    home: 'Về trang chủ',
    switchLang: 'English',
  },
  en: {
    title: 'Look up the reply to a comment',
    label: 'Reply look-up code',
    hint: `${RECEIPT_CODE_LENGTH} characters, shown on the thank-you page after you sent a comment. Upper or lower case, either works.`,
    invalid: `A look-up code has ${RECEIPT_CODE_LENGTH} characters (letters and digits), as shown on the thank-you page. Please check it.`,
    submit: 'Look up',
    notFound: (code: string) => `No comment found with the code ${code}`,
    notFoundHint: `Please check the code (${RECEIPT_CODE_LENGTH} characters, as shown on the thank-you page). There is a code only when you wrote a comment.`,
    result: (code: string) => `Comment ${code}`,
    office: 'Office',
    date: 'Sent on',
    status: 'Status',
    repliedAt: 'Replied at',
    reply: "The office's reply (in Vietnamese)",
    statusLabels: { new: 'Received', in_progress: 'Being handled', answered: 'Answered' },
    statusNote: {
      new: 'The office has received your comment and will look into it. Please come back later.',
      in_progress: 'The office is looking into your comment. Please come back later.',
      answered: '',
    },
    home: 'Home page',
    switchLang: 'Tiếng Việt',
  },
} satisfies Record<Lang, unknown>;

export const getServerSideProps: GetServerSideProps<Props> = async ({ query, res }) => lookUp(query, res);

async function lookUp(query: ParsedUrlQuery, res: ServerResponse): Promise<GetServerSidePropsResult<Props>> {
  res.setHeader('Cache-Control', 'private, no-store');
  const lang = pickLang(query.lang);
  const raw = typeof query.ma === 'string' ? query.ma : Array.isArray(query.ma) ? (query.ma[0] ?? '') : '';
  const typed = raw.trim().slice(0, 32);
  if (!typed) return { props: { lang, typed: '', error: false, found: null, notFound: false } };
  const code = parseReceiptCode(typed);
  if (!code) {
    res.statusCode = 400;
    return { props: { lang, typed, error: true, found: null, notFound: false } };
  }
  const reply = await getPublicReplyByReceipt({ receiptCode: code });
  if (!reply) {
    res.statusCode = 404;
    return { props: { lang, typed: code, error: false, found: null, notFound: true } };
  }
  return {
    props: {
      lang,
      typed: code,
      error: false,
      notFound: false,
      found: {
        officeName: reply.officeName,
        commentDate: reply.commentDate.toISOString(),
        status: reply.status,
        replyText: reply.replyText,
        repliedAt: reply.repliedAt ? reply.repliedAt.toISOString() : null,
      },
    },
  };
}

const EXTRA_CSS = `
input[type=text]{font:inherit;font-size:1.25rem;letter-spacing:.1em;text-transform:uppercase;width:100%;min-height:48px;padding:.5rem .75rem;border:2px solid #6b7079;border-radius:.5rem;background:#fff;color:var(--ink)}
input[aria-invalid=true]{border-color:var(--err)}
.result{border:2px solid var(--line,#d0d4da);border-radius:.75rem;padding:1rem;margin:1rem 0}
.result dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
.result dd{margin:0}
.reply{white-space:pre-line;overflow-wrap:anywhere;margin:.5rem 0 0}
`;

/** The lookup in the other language, keeping the code typed. */
function switchHref(lang: Lang, typed: string): string {
  const q = new URLSearchParams();
  if (typed) q.set('ma', typed);
  if (lang === 'vi') q.set('lang', 'en');
  const qs = q.toString();
  return `/tra-cuu${qs ? `?${qs}` : ''}`;
}

export default function LookupPage(props: Props) {
  const { lang, typed, error, found, notFound } = props;
  const t = TEXT[lang];
  return (
    <CitizenShell lang={lang} title={t.title} extraCss={EXTRA_CSS} switchHref={switchHref(lang, typed)} switchLabel={t.switchLang}>
      <h1>{t.title}</h1>
      <form method="get" action="/tra-cuu" noValidate>
        {lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <ReceiptCodeField label={t.label} hint={t.hint} typed={typed} error={error ? t.invalid : null} />
        <button type="submit" className="submit">
          {t.submit}
        </button>
      </form>
      {notFound ? (
        <section className="alert" role="status" aria-labelledby="khong-thay">
          <h2 id="khong-thay">{t.notFound(typed)}</h2>
          <p>{t.notFoundHint}</p>
        </section>
      ) : null}
      {found ? (
        <section className="result" aria-labelledby="ket-qua">
          <h2 id="ket-qua">{t.result(typed)}</h2>
          <dl>
            <dt>{t.office}</dt>
            <dd>{found.officeName}</dd>
            <dt>{t.date}</dt>
            <dd>{formatDate(found.commentDate)}</dd>
            <dt>{t.status}</dt>
            <dd>
              <strong>{t.statusLabels[found.status]}</strong>
            </dd>
            {found.status === 'answered' && found.repliedAt ? (
              <>
                <dt>{t.repliedAt}</dt>
                <dd>{formatDateTime(found.repliedAt)}</dd>
              </>
            ) : null}
          </dl>
          {found.status === 'answered' && found.replyText ? (
            <>
              <h3>{t.reply}</h3>
              <p className="reply" lang="vi">
                {found.replyText}
              </p>
            </>
          ) : (
            <p>{t.statusNote[found.status]}</p>
          )}
          <p>
            <a href={`/xoa-so-dien-thoai?ma=${typed}`}>Yêu cầu xoá số điện thoại đã để lại</a>
          </p>
        </section>
      ) : null}
      <p>
        <a className="button" href={lang === 'en' ? '/?lang=en' : '/'}>
          {t.home}
        </a>
      </p>
    </CitizenShell>
  );
}
