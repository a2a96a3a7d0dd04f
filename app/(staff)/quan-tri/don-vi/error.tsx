'use client';

/** A failure while loading the unit administration: a message in Vietnamese, the details stay in the server log. */
export default function UnitsAdminError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert">
      <h1>Không tải được trang quản trị đơn vị</h1>
      <p>Đã có lỗi xảy ra. Vui lòng thử lại sau ít phút.</p>
      <button type="button" className="button" onClick={reset}>
        Thử lại
      </button>
    </div>
  );
}
