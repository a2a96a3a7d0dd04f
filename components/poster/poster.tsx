type PosterSize = 'a4' | 'a5';

export type PosterProps = {
  code: string;
  officeName: string;
  parentName: string | null;
  counterName: string | null;
  /** The survey address without scheme, printed for people who type it. */
  shortUrl: string;
  size: PosterSize;
  /** h1 when the poster is the page, h2 when several are listed under one h1. */
  headingLevel: 1 | 2;
};

/**
 * One printed sheet for a counter or office. Sizes are in a scaled millimetre
 * unit (see `.poster` in globals.css) so the same layout fills A4 and A5.
 */
export function Poster({ code, officeName, parentName, counterName, shortUrl, size, headingLevel }: PosterProps) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const place = counterName ? `${officeName}, ${counterName}` : officeName;
  return (
    <article className={`poster poster-${size}`} aria-label={`Áp phích ${place}`}>
      <p className="poster-model">Công sở thân thiện vì Nhân dân phục vụ</p>
      <div className="poster-office">
        {parentName ? <p className="poster-parent">{parentName}</p> : null}
        <Heading className="poster-name">{officeName}</Heading>
        {counterName ? <p className="poster-counter">{counterName}</p> : null}
      </div>
      <div className="poster-call">
        <p className="poster-cta">Quét mã QR để đánh giá sự hài lòng của Ông/Bà</p>
        {/* One line for foreign residents and visitors: the survey has an English version one tap away. */}
        <p className="poster-cta-en" lang="en">
          Scan to rate this office, in English too: anonymous, under 15 seconds.
        </p>
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element -- an SVG from our own route; next/image adds nothing for print */}
      <img className="poster-qr" src={`/qr/${code}.svg`} alt={`Mã QR mở trang đánh giá ${place} (${shortUrl})`} width={480} height={480} />
      <p className="poster-url">
        <span className="poster-url-label">Hoặc gõ địa chỉ:</span> <span className="poster-url-text">{shortUrl}</span>
      </p>
      <p className="poster-note">Đánh giá ẩn danh, chỉ mất chưa tới 15 giây. Trân trọng cảm ơn Ông/Bà!</p>
    </article>
  );
}
