/**
 * The demo province as data: names, counters, procedure fields and how good
 * each office is. Kept apart from the generator (db/seed.ts) so the tree can
 * be read, and changed, at a glance.
 *
 * `quality` is the mean of the latent satisfaction (1–5 scale) at the start
 * of the period, `trend` its change over the period (improving offices have a
 * positive trend), `volume` the relative number of citizens served.
 */

export type OfficeSeed = {
  name: string;
  quality: number;
  trend: number;
  volume: number;
  counters: string[];
  fields: string[];
  /** Offices with a tablet kiosk take a share of their ratings there. */
  kiosk: boolean;
  /** Names citizens may still search by: the departments merged into this one in 2025. */
  aliases?: string[];
};

/** `aliases`: the commune's or ward's names before the 2025 mergers, which the finder searches too. */
export type CommuneSeed = { name: string; office: OfficeSeed; aliases?: string[] };

export const PROVINCE_NAME = 'Tỉnh Ninh Bình';

/**
 * Fixed codes so e2e tests (e2e/fixtures.ts) and the README can name them;
 * every other code is random like in production. They must use only
 * CODE_ALPHABET: "DEMO01" would be refused by normalizeCode (O, 0 and 1 are
 * left out) and 404 before any lookup.
 */
export const DEMO_CODES = { centre: 'TTHC22', centreCounter: 'TTHC23', disabledOffice: 'TAT999' } as const;

/** Provincial departments after the 2025 reorganisation (no district level, merged ministries). */
export const DEPARTMENTS: OfficeSeed[] = [
  {
    name: 'Sở Tư pháp', quality: 4.6, trend: 0.1, volume: 0.6, counters: [], kiosk: false,
    fields: ['Lý lịch tư pháp', 'Hộ tịch có yếu tố nước ngoài', 'Công chứng', 'Luật sư – Trợ giúp pháp lý'],
  },
  {
    name: 'Sở Nội vụ', aliases: ['Sở Lao động – Thương binh và Xã hội'], quality: 4.7, trend: 0.1, volume: 0.5, counters: [], kiosk: false,
    fields: ['Lao động – Việc làm', 'Người có công', 'Thi đua – Khen thưởng', 'Tín ngưỡng, tôn giáo'],
  },
  {
    name: 'Sở Xây dựng', aliases: ['Sở Giao thông vận tải'], quality: 4.05, trend: 0.2, volume: 0.5, counters: [], kiosk: false,
    fields: ['Cấp giấy phép xây dựng', 'Nhà ở', 'Đường bộ', 'Quy hoạch – Kiến trúc'],
  },
  {
    name: 'Sở Nông nghiệp và Môi trường', aliases: ['Sở Tài nguyên và Môi trường', 'Sở Nông nghiệp và Phát triển nông thôn'], quality: 3.85, trend: 0.3, volume: 0.7, counters: [], kiosk: false,
    fields: ['Đất đai', 'Môi trường', 'Tài nguyên nước', 'Trồng trọt – Bảo vệ thực vật'],
  },
  {
    name: 'Sở Y tế', quality: 4.4, trend: 0, volume: 0.4, counters: [], kiosk: false,
    fields: ['Khám bệnh, chữa bệnh', 'Dược – Mỹ phẩm', 'An toàn thực phẩm'],
  },
  {
    name: 'Sở Tài chính', aliases: ['Sở Kế hoạch và Đầu tư'], quality: 4.3, trend: 0.1, volume: 0.5, counters: [], kiosk: false,
    fields: ['Đăng ký doanh nghiệp', 'Đầu tư', 'Quản lý giá'],
  },
  {
    name: 'Sở Công Thương', quality: 4.5, trend: 0.05, volume: 0.3, counters: [], kiosk: false,
    fields: ['Lưu thông hàng hóa', 'Điện lực', 'Hóa chất – Vật liệu nổ công nghiệp'],
  },
  {
    name: 'Sở Giáo dục và Đào tạo', quality: 4.8, trend: 0, volume: 0.3, counters: [], kiosk: false,
    fields: ['Văn bằng, chứng chỉ', 'Thi, tuyển sinh', 'Giáo dục ngoài công lập'],
  },
];

/** The provincial public-service centre; its first counter gets DEMO02. */
export const CENTRE: OfficeSeed = {
  name: 'Trung tâm Phục vụ hành chính công tỉnh Ninh Bình',
  quality: 4.5,
  trend: 0.15,
  volume: 5,
  kiosk: true,
  counters: [
    'Quầy 1 – Hộ tịch, Chứng thực',
    'Quầy 2 – Tư pháp, Lý lịch tư pháp',
    'Quầy 3 – Đất đai, Môi trường',
    'Quầy 4 – Kinh doanh, Đầu tư',
    'Quầy 5 – Xây dựng, Giao thông',
    'Quầy 6 – Lao động, Người có công',
    'Quầy 7 – Y tế, Giáo dục',
    'Quầy 8 – Thu phí, Trả kết quả',
  ],
  fields: ['Hộ tịch', 'Chứng thực', 'Lý lịch tư pháp', 'Đất đai', 'Đăng ký kinh doanh', 'Xây dựng', 'Lao động – Việc làm', 'Y tế'],
};

const COMMUNE_FIELDS = ['Hộ tịch', 'Chứng thực', 'Đất đai', 'Xây dựng', 'Kinh doanh', 'Lao động – Thương binh và Xã hội'];
const COMMUNE_COUNTERS = [
  'Quầy 1 – Hộ tịch, Chứng thực',
  'Quầy 2 – Đất đai, Xây dựng',
  'Quầy 3 – Kinh doanh, Lao động – Thương binh và Xã hội',
  'Quầy 4 – Trả kết quả',
];

function communeOffice(
  unitName: string,
  o: { quality: number; trend: number; volume: number; counters: number; fields?: number; aliases?: string[] },
): CommuneSeed {
  // "Phường Hoa Lư" → "Trung tâm Phục vụ hành chính công phường Hoa Lư"
  const lower = unitName.charAt(0).toLowerCase() + unitName.slice(1);
  return {
    name: unitName,
    ...(o.aliases ? { aliases: o.aliases } : {}),
    office: {
      name: `Trung tâm Phục vụ hành chính công ${lower}`,
      quality: o.quality,
      trend: o.trend,
      volume: o.volume,
      counters: COMMUNE_COUNTERS.slice(0, o.counters),
      fields: COMMUNE_FIELDS.slice(0, o.fields ?? 6),
      kiosk: o.counters >= 3,
    },
  };
}

/** Communes and wards of the merged province (Ninh Bình, Hà Nam and Nam Định since 2025). */
export const COMMUNES: CommuneSeed[] = [
  communeOffice('Phường Hoa Lư', { quality: 4.9, trend: 0.05, volume: 2.2, counters: 4 }),
  communeOffice('Phường Tam Điệp', { quality: 4.2, trend: 0.1, volume: 1.2, counters: 3 }),
  communeOffice('Phường Phủ Lý', { quality: 4.4, trend: 0.1, volume: 2.0, counters: 4, aliases: ['Thành phố Phủ Lý, tỉnh Hà Nam'] }),
  communeOffice('Phường Nam Định', { quality: 4.6, trend: 0.05, volume: 2.5, counters: 4, aliases: ['Thành phố Nam Định, tỉnh Nam Định'] }),
  communeOffice('Phường Thiên Trường', { quality: 4.7, trend: 0, volume: 1.4, counters: 3 }),
  communeOffice('Phường Duy Tiên', { quality: 3.9, trend: 0.35, volume: 1.1, counters: 3, fields: 5, aliases: ['Thị xã Duy Tiên, tỉnh Hà Nam'] }),
  communeOffice('Xã Gia Viễn', { quality: 4.3, trend: 0.1, volume: 0.9, counters: 2, fields: 5 }),
  communeOffice('Xã Kim Sơn', { quality: 3.65, trend: 0.1, volume: 1.0, counters: 2, fields: 5 }),
  communeOffice('Xã Nho Quan', { quality: 4.15, trend: -0.2, volume: 0.8, counters: 2, fields: 4 }),
  communeOffice('Xã Yên Khánh', { quality: 4.8, trend: 0, volume: 0.9, counters: 2, fields: 5 }),
  communeOffice('Xã Hải Hậu', { quality: 4.5, trend: 0.05, volume: 1.0, counters: 3, fields: 5, aliases: ['Huyện Hải Hậu, tỉnh Nam Định'] }),
  communeOffice('Xã Giao Thủy', { quality: 4.2, trend: 0.15, volume: 0.8, counters: 2, fields: 4, aliases: ['Huyện Giao Thủy, tỉnh Nam Định'] }),
];

/**
 * Extra communes for benchmarks (`scripts/seed.ts --offices N`): "Xã Mẫu 1",
 * "Xã Mẫu 2", … each with its one-stop centre ("Trung tâm Phục vụ hành chính
 * công xã Mẫu 1") and 1–3 counters. Their character is derived from the
 * number alone, so a name always rates the same way; volumes spread from 0.3
 * to 2.1 so there are busy and quiet offices.
 */
export const SAMPLE_COMMUNE_PREFIX = 'Xã Mẫu';

export function sampleCommune(n: number): CommuneSeed {
  // A small integer hash (splitmix-like), so neighbouring numbers differ.
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h ^ (h >>> 16)) >>> 0;
  return communeOffice(`${SAMPLE_COMMUNE_PREFIX} ${n}`, {
    quality: 3.6 + (h % 1000) / 1000 * 1.3,
    trend: ((h >>> 10) % 100) / 250 - 0.1,
    volume: 0.3 + ((h >>> 17) % 100) / 100 * 1.8,
    counters: 1 + ((h >>> 24) % 3),
    fields: 4 + ((h >>> 27) % 3),
  });
}

/** The number of a sample commune's office from its name, or null for any other name. */
export function sampleOfficeNumber(officeName: string): number | null {
  const m = /^Trung tâm Phục vụ hành chính công xã Mẫu (\d+)$/.exec(officeName);
  return m ? Number(m[1]) : null;
}

/** A satellite desk that was closed: its code must answer 404 like an unknown one. */
export const DISABLED_OFFICE = {
  communeName: 'Xã Gia Viễn',
  name: 'Điểm tiếp nhận và trả kết quả Gia Sinh',
  fields: ['Hộ tịch', 'Chứng thực'],
};

/** Reasons of Q10 (keys of DEFAULT_QUESTION_SET). */
export type ReasonKey = 'attitude' | 'guidance' | 'waiting' | 'trips' | 'extra_papers' | 'late' | 'other';

export type CommentSeed = { tone: 'positive' | 'neutral' | 'negative'; text: string; reason?: ReasonKey };

/** Comments as citizens write them: short, some without final punctuation. */
export const COMMENTS: CommentSeed[] = [
  { tone: 'positive', text: 'Cán bộ hướng dẫn rất nhiệt tình, dễ hiểu. Cảm ơn chị ở quầy hộ tịch!' },
  { tone: 'positive', text: 'Làm thủ tục nhanh gọn, chưa đến 15 phút là xong.' },
  { tone: 'positive', text: 'Thái độ phục vụ niềm nở, lịch sự. Rất hài lòng.' },
  { tone: 'positive', text: 'Nơi làm việc sạch sẽ, có nước uống và chỗ ngồi đầy đủ.' },
  { tone: 'positive', text: 'Được hướng dẫn một lần là hoàn thiện hồ sơ, không phải đi lại.' },
  { tone: 'positive', text: 'Trả kết quả đúng hẹn, còn gọi điện báo trước. Cảm ơn trung tâm.' },
  { tone: 'positive', text: 'Anh cán bộ kiên nhẫn giải thích cho người già như tôi, rất cảm động.' },
  { tone: 'positive', text: 'Có máy lấy số thứ tự nên không phải chen lấn, rất văn minh.' },
  { tone: 'positive', text: 'Chứng thực bản sao nhanh, thu phí đúng quy định, có biên lai đầy đủ.' },
  { tone: 'positive', text: 'cán bộ trẻ nhưng làm việc chuyên nghiệp, hỗ trợ nộp hồ sơ trực tuyến tận tình' },
  { tone: 'positive', text: 'Mong trung tâm giữ được tinh thần phục vụ như thế này.' },
  { tone: 'positive', text: 'Đăng ký khai sinh cho cháu xong trong buổi sáng, rất tiện.' },
  { tone: 'positive', text: 'Được hướng dẫn cài VNeID và nộp hồ sơ online, lần sau không cần lên nữa.' },
  { tone: 'positive', text: 'Cảm ơn các cán bộ đã làm thêm giờ để giải quyết hồ sơ cho dân.' },
  { tone: 'neutral', text: 'Thủ tục ổn nhưng nên có thêm chỗ để xe máy.' },
  { tone: 'neutral', text: 'Nên niêm yết rõ hơn danh sách giấy tờ cần mang theo.' },
  { tone: 'neutral', text: 'Hơi đông vào sáng thứ Hai, đề nghị bố trí thêm người tiếp nhận.' },
  { tone: 'neutral', text: 'Máy lấy số thỉnh thoảng bị lỗi, phải hỏi bảo vệ.' },
  { tone: 'neutral', text: 'Website nộp hồ sơ trực tuyến còn khó dùng với người lớn tuổi.' },
  { tone: 'neutral', text: 'Cán bộ được nhưng chờ hơi lâu, mong cải thiện.' },
  { tone: 'neutral', text: 'Nên có biển chỉ dẫn quầy nào làm thủ tục gì ngay ở cửa vào.' },
  { tone: 'negative', reason: 'waiting', text: 'Chờ gần 2 tiếng mới đến lượt, chỉ có một quầy làm việc.' },
  { tone: 'negative', reason: 'waiting', text: 'Đến từ 7h30 mà 10h mới được tiếp nhận, quá lâu.' },
  { tone: 'negative', reason: 'attitude', text: 'Cán bộ nói chuyện cộc lốc, hỏi thêm thì tỏ vẻ khó chịu.' },
  { tone: 'negative', reason: 'attitude', text: 'Cán bộ vừa làm vừa dùng điện thoại, không chú ý đến người dân.' },
  { tone: 'negative', reason: 'trips', text: 'Phải đi lại 3 lần vì mỗi lần lại được yêu cầu bổ sung một giấy khác.' },
  { tone: 'negative', reason: 'guidance', text: 'Hướng dẫn không rõ ràng, mỗi người nói một kiểu.' },
  { tone: 'negative', reason: 'guidance', text: 'Không ai hướng dẫn cách điền tờ khai, phải tự hỏi người đi trước.' },
  { tone: 'negative', reason: 'extra_papers', text: 'Bị yêu cầu nộp bản sao có chứng thực dù đã mang bản chính để đối chiếu.' },
  { tone: 'negative', reason: 'extra_papers', text: 'Yêu cầu xác nhận của thôn trong khi quy định không có.' },
  { tone: 'negative', reason: 'late', text: 'Giấy chứng nhận quyền sử dụng đất trễ hẹn hơn 2 tuần mà không có thư xin lỗi.' },
  { tone: 'negative', reason: 'late', text: 'Hẹn trả kết quả thứ Sáu nhưng đến nơi lại bảo chưa xong.' },
  { tone: 'negative', reason: 'other', text: 'Bãi xe chật, trời nắng không có mái che cho người chờ.' },
  { tone: 'negative', reason: 'other', text: 'Hệ thống mạng bị lỗi cả buổi sáng, không làm được gì.' },
  { tone: 'negative', text: 'Rất thất vọng, mong lãnh đạo xem xét lại cách làm việc ở đây.' },
  { tone: 'negative', text: 'Gọi điện hỏi tiến độ hồ sơ không ai nghe máy.' },
];

/** An official of the demo (issue 14): full name and position, as a one-stop centre lists its staff. */
export type OfficialSeed = { fullName: string; position: string };

/**
 * The demo offices' officials, by office name: a few per office, with the
 * positions a one-stop centre has. The first of the provincial centre has
 * the demo account 'canbo.tthc' (server/demo-officials.ts).
 */
export const DEMO_OFFICIALS: Record<string, OfficialSeed[]> = {
  [CENTRE.name]: [
    { fullName: 'Nguyễn Thị Hoa', position: 'chuyên viên' },
    { fullName: 'Trần Văn Minh', position: 'cán bộ một cửa' },
    { fullName: 'Lê Thị Thu Hằng', position: 'chuyên viên' },
    { fullName: 'Phạm Quốc Bảo', position: 'cán bộ một cửa' },
    { fullName: 'Hoàng Thị Lan', position: 'phó giám đốc' },
    { fullName: 'Vũ Đức Thắng', position: 'chuyên viên chính' },
  ],
  'Trung tâm Phục vụ hành chính công phường Hoa Lư': [
    { fullName: 'Đinh Thị Ngọc Ánh', position: 'công chức tư pháp – hộ tịch' },
    { fullName: 'Bùi Văn Khánh', position: 'công chức địa chính – xây dựng' },
    { fullName: 'Ngô Thị Mai', position: 'cán bộ một cửa' },
  ],
  'Trung tâm Phục vụ hành chính công phường Tam Điệp': [
    { fullName: 'Đặng Văn Hùng', position: 'công chức văn hoá – xã hội' },
    { fullName: 'Lý Thị Thanh', position: 'cán bộ một cửa' },
  ],
};

/** The demo account of an official (role 'official'), linked to the centre's first official. */
export const DEMO_OFFICIAL_ACCOUNT = { username: 'canbo.tthc', office: CENTRE.name, fullName: 'Nguyễn Thị Hoa' } as const;
