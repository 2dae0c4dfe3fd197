/**
 * More of what units write under "khó khăn" and "đề xuất" in the demo rounds, so that a round's
 * synthesis (issue 13) has several sentences per report, on the report's own theme and on a second
 * one, saying the same things in different words across units. Our own sentences. Deterministic:
 * drawn from a generator keyed by the report, apart from round-history.ts's own draws (which this
 * leaves untouched, so the rest of the demo story is the same).
 */

/** By theme (round-history.ts's theme names), then two more themes any unit may add. */
const MORE = {
  funding: {
    obstacles: [
      'Phần kinh phí đối ứng của địa phương chưa cân đối được trong dự toán năm.',
      'Việc giải ngân vốn còn chậm do vướng thủ tục thanh toán.',
      'Nguồn ngân sách cấp cho nhiệm vụ chỉ đáp ứng khoảng một nửa nhu cầu.',
      'Chưa bố trí được kinh phí để thuê chuyên gia tư vấn.',
    ],
    proposals: [
      'Kiến nghị giao dự toán sớm ngay từ đầu năm để chủ động triển khai.',
      'Đề nghị cho phép điều chuyển kinh phí giữa các hạng mục trong cùng nhiệm vụ.',
      'Đề nghị tỉnh hỗ trợ phần vốn đối ứng cho các xã khó khăn.',
    ],
  },
  staff: {
    obstacles: [
      'Một người phải phụ trách nhiều lĩnh vực nên không đủ thời gian theo dõi nhiệm vụ.',
      'Đội ngũ kỹ thuật mỏng, khi có sự cố phải chờ hỗ trợ từ cấp trên.',
      'Cán bộ trẻ có chuyên môn công nghệ thông tin thường xin chuyển công tác.',
    ],
    proposals: [
      'Đề nghị bổ sung chỉ tiêu biên chế cho vị trí phụ trách công nghệ thông tin.',
      'Kiến nghị có chính sách thu hút người có chuyên môn công nghệ về làm việc tại cơ sở.',
    ],
  },
  infrastructure: {
    obstacles: [
      'Mạng nội bộ thường xuyên chập chờn, ảnh hưởng đến việc xử lý hồ sơ trực tuyến.',
      'Thiết bị đầu cuối xuống cấp, nhiều máy tính không cài được phần mềm mới.',
      'Khu vực vùng sâu mất sóng di động khi trời mưa lớn.',
    ],
    proposals: [
      'Đề nghị đầu tư thay thế máy tính đã hết khấu hao cho bộ phận tiếp nhận hồ sơ.',
      'Kiến nghị nhà mạng lắp thêm trạm phát sóng ở các bản vùng cao.',
    ],
  },
  procedures: {
    obstacles: [
      'Quy trình phê duyệt hồ sơ còn qua nhiều cấp, kéo dài thời gian thực hiện.',
      'Biểu mẫu báo cáo thay đổi nhiều lần trong năm gây lúng túng cho cơ sở.',
      'Hướng dẫn của các sở có nội dung chưa thống nhất với nhau.',
    ],
    proposals: [
      'Đề nghị rà soát, cắt giảm bước thẩm định không cần thiết.',
      'Kiến nghị ổn định biểu mẫu báo cáo ít nhất trong một năm.',
    ],
  },
  data: {
    obstacles: [
      'Số liệu giữa phần mềm ngành dọc và hệ thống của tỉnh còn vênh nhau.',
      'Chưa có công cụ đồng bộ dữ liệu tự động, phải xuất nhập thủ công.',
      'Dữ liệu hộ tịch cũ chưa được số hóa hết nên tra cứu mất thời gian.',
    ],
    proposals: [
      'Đề nghị xây dựng công cụ đồng bộ dữ liệu giữa các phần mềm chuyên ngành.',
      'Kiến nghị ưu tiên kinh phí số hóa dữ liệu hộ tịch cũ.',
    ],
  },
  training: {
    obstacles: [
      'Người dân vùng sâu chưa có điện thoại thông minh để dùng dịch vụ trực tuyến.',
      'Thời lượng tập huấn ngắn, cán bộ chưa thực hành thành thạo.',
      'Tài liệu hướng dẫn sử dụng phần mềm còn khó hiểu với người lớn tuổi.',
    ],
    proposals: [
      'Đề nghị tổ chức tập huấn thực hành theo nhóm nhỏ tại từng xã.',
      'Kiến nghị biên soạn tài liệu hướng dẫn ngắn gọn, có hình ảnh minh họa.',
    ],
  },
  security: {
    obstacles: [
      'Máy tính của một số bộ phận chưa được cài phần mềm phòng chống mã độc.',
      'Chưa có phương án sao lưu dữ liệu định kỳ, có nguy cơ mất dữ liệu khi có sự cố.',
      'Mật khẩu tài khoản dùng chung giữa nhiều người, khó bảo đảm an toàn thông tin.',
    ],
    proposals: [
      'Đề nghị Sở Khoa học và Công nghệ hỗ trợ rà soát an toàn thông tin cho các xã.',
      'Kiến nghị trang bị phần mềm phòng chống mã độc có bản quyền cho cấp xã.',
    ],
  },
  coordination: {
    obstacles: [
      'Sự phối hợp giữa các đơn vị trong triển khai nhiệm vụ chưa chặt chẽ.',
      'Một số đơn vị phối hợp chậm gửi ý kiến, làm chậm tiến độ chung.',
      'Chưa rõ đầu mối chịu trách nhiệm chính khi nhiệm vụ liên quan nhiều ngành.',
    ],
    proposals: [
      'Đề nghị Ban Chỉ đạo phân công rõ đơn vị chủ trì và thời hạn phối hợp.',
      'Kiến nghị tổ chức giao ban định kỳ giữa các đơn vị cùng thực hiện nhiệm vụ.',
    ],
  },
} as const;

type Field = 'obstacles' | 'proposals';

/** FNV-1a then a mix: a number from a key, the same on every run. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

const pick = <T>(list: readonly T[], key: string): T => list[hash32(key) % list.length]!;

/**
 * Sentences to add after the one round-history.ts picked: one more on the report's theme, and, for
 * about half the reports, one on a second theme (security or coordination for a quarter of them).
 * `key` names the report (period and unit).
 */
export function moreSaid(key: string, theme: string, field: Field, first: string | null): string[] {
  const own = MORE[theme as keyof typeof MORE];
  if (!own || first === null) return [];
  const extra = [pick(own[field], `${key}|${field}|own`)];
  const roll = hash32(`${key}|${field}|second`) % 4;
  if (roll >= 2) {
    const themes = Object.keys(MORE) as (keyof typeof MORE)[];
    const second =
      roll === 3 ? pick(['security', 'coordination'] as const, key) : pick(themes, `${key}|theme`);
    if (second !== theme) extra.push(pick(MORE[second][field], `${key}|${field}|${second}`));
  }
  return extra.filter((s) => s !== first);
}

/** The general part's text: the sentence picked, then the added ones, as a unit writes a paragraph. */
export const withMoreSaid = (key: string, theme: string, field: Field, first: string | null) =>
  first === null ? null : [first, ...moreSaid(key, theme, field, first)].join(' ');
