/**
 * A one-time password, shown once: it is not stored anywhere but in the
 * account's hash, so leaving this screen loses it (a new reset makes another).
 */
export function OneTimePassword({ username, password }: { username: string; password: string }) {
  return (
    <section className="otp-box" aria-labelledby="otp-title">
      <h2 id="otp-title">Mật khẩu dùng một lần</h2>
      <dl className="otp-details">
        <dt>Tên đăng nhập</dt>
        <dd>
          <code>{username}</code>
        </dd>
        <dt>Mật khẩu</dt>
        <dd>
          <code className="otp-value" translate="no">
            {password}
          </code>
        </dd>
      </dl>
      <p>
        <strong>Mật khẩu chỉ hiển thị một lần, ngay bây giờ.</strong> Hãy trao tận tay người dùng (hoặc qua một kênh an toàn), không gửi qua
        nhóm chat chung. Người dùng phải đổi sang mật khẩu của riêng mình ở lần đăng nhập đầu tiên.
      </p>
    </section>
  );
}
