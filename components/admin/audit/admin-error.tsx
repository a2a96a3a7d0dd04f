'use client';

/** What an administration page shows when loading fails: a Vietnamese message and a retry; details stay in the server log. */
export function AdminError({ reset }: { reset: () => void }) {
  return (
    <div className="admin stack narrow" role="alert">
      <h1>Không tải được trang</h1>
      <p>Đã có lỗi khi tải dữ liệu. Vui lòng thử lại; nếu lỗi vẫn còn, hãy báo cho bộ phận kỹ thuật kèm thời điểm xảy ra.</p>
      <div>
        <button type="button" className="button" onClick={reset}>
          Thử lại
        </button>
      </div>
    </div>
  );
}
