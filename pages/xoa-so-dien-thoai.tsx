import { ReceiptCodeField } from '@/components/survey/receipt-code-field';
import type { GetServerSideProps } from 'next';
import { CitizenShell } from '@/components/survey/citizen-shell';
import { RECEIPT_CODE_LENGTH } from '@/lib/codes';
import { formatDateTime } from '@/lib/format';
import { parseReceiptCode } from '@/lib/validation/comments';
import { ERASURE_CHANNEL_LABELS, RECEIPT_CODE_MESSAGE } from '@/lib/validation/erasure';
import { erasureStatus, handleCitizenErasurePost } from '@/server/privacy';

/**
 * A citizen asks for the phone number left with their comment to be erased
 * (PDPL 2025; the consent text promises it), with the receipt code from the
 * thank-you page, and sees that it is done. No account; plain HTML forms, no
 * client runtime, like /tra-cuu: a GET form to look the code up, a POST to
 * erase, answered by a redirect to the status (post/redirect/get).
 */
export const config = { unstable_runtimeJS: false };

type Status =
  | { kind: 'unknown' }
  | { kind: 'stored'; officeName: string }
  | { kind: 'erased'; officeName: string; channel: string; requestedAt: string; erasedAt: string }
  | { kind: 'none'; officeName: string };

type Props = { typed: string; code: string | null; status: Status | null; errors: Record<string, string> };

const TITLE = 'Xoá số điện thoại đã để lại';
const PATH = '/xoa-so-dien-thoai';

export const getServerSideProps: GetServerSideProps<Props> = async ({ req, res, query }) => {
  res.setHeader('Cache-Control', 'private, no-store');
  let typed = typeof query.ma === 'string' ? query.ma.trim().slice(0, 32) : '';
  let errors: Record<string, string> = {};
  if (req.method === 'POST') {
    const outcome = await handleCitizenErasurePost(req);
    if (outcome.kind === 'done') return { redirect: { destination: `${PATH}?ma=${outcome.receiptCode}`, statusCode: 303 } };
    res.statusCode = outcome.status;
    typed = outcome.receiptCode;
    errors = outcome.errors;
  }
  if (!typed) return { props: { typed: '', code: null, status: null, errors } };
  const code = parseReceiptCode(typed);
  if (!code) {
    if (req.method !== 'POST') res.statusCode = 400;
    return { props: { typed, code: null, status: null, errors: { ma: errors.ma ?? RECEIPT_CODE_MESSAGE, ...errors } } };
  }
  const s = await erasureStatus(code);
  if (s.kind === 'unknown' && req.method !== 'POST') res.statusCode = 404;
  const status: Status =
    s.kind === 'erased'
      ? { kind: 'erased', officeName: s.officeName, channel: s.channel, requestedAt: s.requestedAt.toISOString(), erasedAt: s.erasedAt.toISOString() }
      : s.kind === 'unknown'
        ? { kind: 'unknown' }
        : { kind: s.kind, officeName: s.officeName };
  return { props: { typed: code, code, status, errors } };
};

const EXTRA_CSS = `
input[type=text]{font:inherit;font-size:1.25rem;letter-spacing:.1em;text-transform:uppercase;width:100%;min-height:48px;padding:.5rem .75rem;border:2px solid #6b7079;border-radius:.5rem;background:#fff;color:var(--ink)}
input[aria-invalid=true]{border-color:var(--err)}
.result{border:2px solid var(--line,#d0d4da);border-radius:.75rem;padding:1rem;margin:1rem 0}
.result dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
.result dd{margin:0}
.done{border-color:#1b6e3a}
`;

export default function ErasurePage({ typed, code, status, errors }: Props) {
  const codeError = errors.ma;
  return (
    <CitizenShell lang="vi" title={TITLE} extraCss={EXTRA_CSS}>
      <h1>{TITLE}</h1>
      <p>
        Nếu Ông/Bà đã để lại số điện thoại cùng góp ý để được liên hệ trả lời, Ông/Bà có thể yêu cầu xoá số đó bất cứ lúc nào. Số điện thoại được xoá ngay; góp ý và
        đánh giá của Ông/Bà vẫn được giữ, không kèm thông tin liên hệ.
      </p>
      {errors.form ? (
        <p className="alert" role="alert">
          {errors.form}
        </p>
      ) : null}
      <form method="get" action={PATH} noValidate>
        <ReceiptCodeField
          label="Mã tra cứu"
          hint={`${RECEIPT_CODE_LENGTH} ký tự, in trên trang cảm ơn sau khi Ông/Bà gửi góp ý. Không phân biệt chữ hoa, chữ thường.`}
          typed={typed}
          error={codeError ?? null}
        />
        <button type="submit" className="submit">
          Xem số điện thoại đã lưu
        </button>
      </form>

      {status?.kind === 'unknown' ? (
        <section className="alert" role="status" aria-labelledby="khong-thay">
          <h2 id="khong-thay">Không tìm thấy mã {code}</h2>
          <p>Ông/Bà vui lòng kiểm tra lại mã (đủ {RECEIPT_CODE_LENGTH} ký tự, như in trên trang cảm ơn). Nếu không có mã, Ông/Bà có thể gọi điện cho cơ quan để yêu cầu xoá.</p>
        </section>
      ) : null}

      {status?.kind === 'stored' ? (
        <section className="result" aria-labelledby="dang-luu">
          <h2 id="dang-luu">Góp ý mã {code}</h2>
          <p>
            <strong>{status.officeName}</strong> đang lưu số điện thoại Ông/Bà để lại cùng góp ý này, chỉ để liên hệ trả lời.
          </p>
          <form method="post" action={PATH} noValidate>
            <input type="hidden" name="ma" value={code ?? ''} />
            <label className="check">
              <input
                type="checkbox"
                name="dongY"
                value="on"
                aria-invalid={errors.dongY ? true : undefined}
                aria-describedby={errors.dongY ? 'dongY-error' : undefined}
              />
              <span>Tôi hiểu rằng số điện thoại sẽ bị xoá ngay, không khôi phục được, và cơ quan sẽ không thể gọi lại cho tôi về góp ý này.</span>
            </label>
            {errors.dongY ? (
              <p className="error" id="dongY-error">
                {errors.dongY}
              </p>
            ) : null}
            <button type="submit" className="submit">
              Xoá số điện thoại của tôi
            </button>
          </form>
        </section>
      ) : null}

      {status?.kind === 'erased' ? (
        <section className="result done" role="status" aria-labelledby="da-xoa">
          <h2 id="da-xoa">Đã xoá số điện thoại</h2>
          <dl>
            <dt>Mã tra cứu</dt>
            <dd>{code}</dd>
            <dt>Cơ quan</dt>
            <dd>{status.officeName}</dd>
            <dt>Yêu cầu lúc</dt>
            <dd>{formatDateTime(status.requestedAt)}</dd>
            <dt>Đã xoá lúc</dt>
            <dd>{formatDateTime(status.erasedAt)}</dd>
            <dt>Cách yêu cầu</dt>
            <dd>{ERASURE_CHANNEL_LABELS[status.channel] ?? status.channel}</dd>
          </dl>
          <p>Cơ quan không còn lưu số điện thoại này. Góp ý của Ông/Bà vẫn được xem xét; phản hồi xem tại trang tra cứu.</p>
        </section>
      ) : null}

      {status?.kind === 'none' ? (
        <section className="result" role="status" aria-labelledby="khong-luu">
          <h2 id="khong-luu">Không có số điện thoại nào được lưu</h2>
          <p>
            {status.officeName} không lưu số điện thoại nào với góp ý mã {code}: Ông/Bà không để lại số, hoặc số đã được tự động xoá khi hết thời hạn lưu.
          </p>
        </section>
      ) : null}

      <p>
        {code ? (
          <a className="button" href={`/tra-cuu?ma=${code}`}>
            Tra cứu phản hồi góp ý
          </a>
        ) : null}{' '}
        <a className="button" href="/">
          Về trang chủ
        </a>
      </p>
    </CitizenShell>
  );
}
