/**
 * A pairing code, shown once: only its hash is stored, so leaving this
 * screen loses it (re-pairing makes another). Big letters, to be read from
 * across the counter and typed on the tablet.
 */
export function PairingCode({ code, expiresAt, kioskName, titleId }: { code: string; expiresAt: string; kioskName?: string; titleId: string }) {
  return (
    <section className="otp-box" aria-labelledby={titleId}>
      <h2 id={titleId}>Mã ghép nối{kioskName ? ` cho “${kioskName}”` : ''}</h2>
      <p>
        <code className="otp-value" translate="no" style={{ fontSize: '2.5rem', letterSpacing: '.15em' }}>
          {code}
        </code>
      </p>
      <p>
        Có hiệu lực đến <strong>{expiresAt}</strong> (15 phút) và chỉ dùng được một lần.
      </p>
      <p>
        Mở <strong>/kiosk</strong> trên máy tính bảng và nhập mã. <strong>Mã chỉ hiển thị một lần, ngay bây giờ;</strong> nếu hết hạn, hãy bấm “Tạo mã ghép nối
        mới” ở kiosk này.
      </p>
    </section>
  );
}
