import type { ServerResponse } from 'node:http';
import type { ParsedUrlQuery } from 'node:querystring';
import type { GetServerSideProps, GetServerSidePropsResult } from 'next';
import { CitizenShell } from '@/components/survey/citizen-shell';
import { getPublicReplyByReceipt } from '@/db/queries/comments';
import { RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { formatDate, formatDateTime } from '@/lib/format';
import { COMMENT_STATUS_LABELS, parseReceiptCode, type CommentStatusValue } from '@/lib/validation/comments';

/**
 * A citizen reads the office's reply to their comment with the receipt code
 * from the thank-you page. A plain GET form with no client runtime, like the
 * survey. Shows nothing personal: the office, the date, the status, the reply.
 */
export const config = { unstable_runtimeJS: false };

type Found = { officeName: string; commentDate: string; status: CommentStatusValue; replyText: string | null; repliedAt: string | null };
type Props = { typed: string; error: string | null; found: Found | null; notFound: boolean };

const TITLE = 'Tra cứu phản hồi góp ý';

export const getServerSideProps: GetServerSideProps<Props> = async ({ query, res }) => lookUp(query, res);

async function lookUp(query: ParsedUrlQuery, res: ServerResponse): Promise<GetServerSidePropsResult<Props>> {
  res.setHeader('Cache-Control', 'private, no-store');
  const raw = typeof query.ma === 'string' ? query.ma : Array.isArray(query.ma) ? (query.ma[0] ?? '') : '';
  const typed = raw.trim().slice(0, 32);
  if (!typed) return { props: { typed: '', error: null, found: null, notFound: false } };
  const code = parseReceiptCode(typed);
  if (!code) {
    res.statusCode = 400;
    return {
      props: { typed, error: `Mã tra cứu gồm ${RECEIPT_CODE_LENGTH} ký tự (chữ và số), như in trên trang cảm ơn. Ông/Bà vui lòng kiểm tra lại.`, found: null, notFound: false },
    };
  }
  const reply = await getPublicReplyByReceipt({ receiptCode: code });
  if (!reply) {
    res.statusCode = 404;
    return { props: { typed: code, error: null, found: null, notFound: true } };
  }
  return {
    props: {
      typed: code,
      error: null,
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

const STATUS_NOTE: Record<CommentStatusValue, string> = {
  new: 'Cơ quan đã nhận góp ý và sẽ xem xét. Ông/Bà vui lòng quay lại sau.',
  in_progress: 'Cơ quan đang xem xét, xử lý góp ý. Ông/Bà vui lòng quay lại sau.',
  answered: '',
};

export default function LookupPage(props: Props) {
  const { typed, error, found, notFound } = props;
  return (
    <CitizenShell lang="vi" title={TITLE} extraCss={EXTRA_CSS}>
      <h1>{TITLE}</h1>
      <form method="get" action="/tra-cuu" noValidate>
        <label className="block" htmlFor="ma">
          Mã tra cứu phản hồi
        </label>
        <p className="hint" id="ma-hint">
          {RECEIPT_CODE_LENGTH} ký tự, in trên trang cảm ơn sau khi Ông/Bà gửi góp ý. Không phân biệt chữ hoa, chữ thường.
        </p>
        <input
          id="ma"
          name="ma"
          type="text"
          defaultValue={typed}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={32}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'ma-hint ma-error' : 'ma-hint'}
        />
        {error ? (
          <p className="error" id="ma-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="submit">
          Tra cứu
        </button>
      </form>
      {notFound ? (
        <section className="alert" role="status" aria-labelledby="khong-thay">
          <h2 id="khong-thay">Không tìm thấy mã {typed}</h2>
          <p>Ông/Bà vui lòng kiểm tra lại mã (đủ {RECEIPT_CODE_LENGTH} ký tự, như in trên trang cảm ơn). Mã chỉ có khi Ông/Bà có ghi ý kiến góp ý.</p>
        </section>
      ) : null}
      {found ? (
        <section className="result" aria-labelledby="ket-qua">
          <h2 id="ket-qua">Góp ý mã {typed}</h2>
          <dl>
            <dt>Cơ quan</dt>
            <dd>{found.officeName}</dd>
            <dt>Ngày góp ý</dt>
            <dd>{formatDate(found.commentDate)}</dd>
            <dt>Trạng thái</dt>
            <dd>
              <strong>{COMMENT_STATUS_LABELS[found.status]}</strong>
            </dd>
            {found.status === 'answered' && found.repliedAt ? (
              <>
                <dt>Trả lời lúc</dt>
                <dd>{formatDateTime(found.repliedAt)}</dd>
              </>
            ) : null}
          </dl>
          {found.status === 'answered' && found.replyText ? (
            <>
              <h3>Trả lời của cơ quan</h3>
              <p className="reply">{found.replyText}</p>
            </>
          ) : (
            <p>{STATUS_NOTE[found.status]}</p>
          )}
          <p>
            <a href={`/xoa-so-dien-thoai?ma=${typed}`}>Yêu cầu xoá số điện thoại đã để lại</a>
          </p>
        </section>
      ) : null}
      <p>
        <a className="button" href="/">
          Về trang chủ
        </a>
      </p>
    </CitizenShell>
  );
}
