import type { Lang } from './index';

/** The public home page (app/page.tsx) and the site header and footer it shares with the posters. */
const vi = {
  skipLink: 'Bỏ qua, tới nội dung chính',
  lead: 'Ông/Bà vừa đến làm thủ tục hành chính? Hãy cho cơ quan biết Ông/Bà có hài lòng hay không.',
  intro: 'Đánh giá hoàn toàn ẩn danh và chỉ mất chưa tới 15 giây. Cách nhanh nhất là quét mã QR dán tại quầy; hoặc tìm cơ quan ở dưới đây.',
  chooseOffice: 'Chọn cơ quan để đánh giá',
  searchLabel: 'Tìm cơ quan, đơn vị',
  searchHint: 'Gõ tên cơ quan hoặc tên xã, phường, có dấu hay không dấu đều được. Ví dụ: “gia vien” hoặc “so tu phap”.',
  searchButton: 'Tìm kiếm',
  searchTitle: (query: string) => `Tìm “${query}”`,
  found: (count: string, query: string) => `Tìm thấy ${count} cơ quan cho “${query}”`,
  moreThan: (n: number) => `hơn ${n}`,
  notFound: (query: string) => `Không tìm thấy cơ quan nào cho “${query}”`,
  onlyFirst: (n: number) => `Chỉ hiện ${n} cơ quan đầu tiên; Ông/Bà hãy gõ thêm tên xã, phường để thu hẹp.`,
  tryShorter: 'Ông/Bà hãy thử gõ ngắn hơn, chẳng hạn chỉ tên xã, phường hoặc tên cơ quan, có dấu hay không dấu đều được.',
  allOfficesLink: 'Xem tất cả cơ quan',
  allOffices: 'Tất cả cơ quan',
  noOffices: 'Chưa có cơ quan nào nhận đánh giá.',
  topLevel: 'Cơ quan cấp trên',
  rate: 'Đánh giá',
  footerModel: 'Hài Lòng — thực hiện mô hình “Công sở thân thiện vì Nhân dân phục vụ”.',
  footerStaff: 'Dành cho cán bộ: đăng nhập',
  switchLang: 'English',
};

export type HomeText = typeof vi;

const en: HomeText = {
  skipLink: 'Skip to main content',
  lead: 'Have you just dealt with a public office? Tell the office whether you were satisfied.',
  intro: 'Rating is anonymous and takes less than 15 seconds. The quickest way is to scan the QR code at the counter; or find the office below.',
  chooseOffice: 'Choose the office to rate',
  searchLabel: 'Find an office',
  searchHint: 'Type the name of the office, commune or ward, with or without Vietnamese accents. For example: “gia vien” or “so tu phap”.',
  searchButton: 'Search',
  searchTitle: (query: string) => `Search “${query}”`,
  found: (count: string, query: string) => `${count} offices found for “${query}”`,
  moreThan: (n: number) => `More than ${n}`,
  notFound: (query: string) => `No office found for “${query}”`,
  onlyFirst: (n: number) => `Only the first ${n} offices are shown; add the name of the commune or ward to narrow the search.`,
  tryShorter: 'Try something shorter, for example only the name of the commune, ward or office, with or without accents.',
  allOfficesLink: 'See all offices',
  allOffices: 'All offices',
  noOffices: 'No office takes ratings yet.',
  topLevel: 'Provincial offices',
  rate: 'Rate',
  footerModel: 'Hài Lòng — the “Friendly office serving the people” model (Công sở thân thiện vì Nhân dân phục vụ).',
  footerStaff: 'For staff: sign in (Vietnamese)',
  switchLang: 'Tiếng Việt',
};

export const HOME_TEXT: Record<Lang, HomeText> = { vi, en };
