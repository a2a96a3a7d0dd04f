import Link from 'next/link';
import type { Metadata } from 'next';
import { SiteFooter } from '@/components/home/site-footer';
import { MAIN_ID, SiteHeader } from '@/components/home/site-header';

export const metadata: Metadata = { title: 'Không tìm thấy trang' };

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id={MAIN_ID} className="container not-found">
        <h1>Không tìm thấy trang Ông/Bà cần</h1>
        <p>Địa chỉ có thể đã bị gõ sai, hoặc mã QR này không còn được sử dụng. Xin Ông/Bà thông cảm.</p>
        <p>Ông/Bà có thể tìm cơ quan cần đánh giá ngay trên trang chủ.</p>
        <p>
          <Link className="button" href="/">
            Về trang chủ
          </Link>
        </p>
      </main>
      <SiteFooter />
    </>
  );
}
