'use client';

/** A failure while loading the poster list: a message in Vietnamese, the details stay in the server log. */
export default function PostersError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert">
      <h1>Không tải được danh sách áp phích</h1>
      <p>Đã có lỗi xảy ra. Vui lòng thử lại sau ít phút.</p>
      <button type="button" className="button" onClick={reset}>
        Thử lại
      </button>
    </div>
  );
}
