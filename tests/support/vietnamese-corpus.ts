// Fixture text: invented Vietnamese administrative and news sentences (no real persons), drawn by a seeded generator.

/** A small deterministic PRNG (mulberry32), so a page set is the same on every run and machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const headings = [
  'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'THÔNG BÁO VỀ VIỆC TIẾP NHẬN HỒ SƠ TRỰC TUYẾN',
  'BÁO CÁO TÌNH HÌNH CẢI CÁCH THỦ TỤC HÀNH CHÍNH',
  'KẾ HOẠCH TRIỂN KHAI DỊCH VỤ CÔNG TRỰC TUYẾN',
  'QUYẾT ĐỊNH VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC',
];

export const sentences = [
  'Uỷ ban nhân dân phường đã tiếp nhận hơn ba trăm hồ sơ trong tháng qua, phần lớn được giải quyết đúng hạn.',
  'Người dân có thể nộp hồ sơ đăng ký khai sinh qua Cổng dịch vụ công quốc gia mà không cần đến trụ sở.',
  'Cán bộ một cửa hướng dẫn từng bước, kiểm tra giấy tờ và trả kết quả tại nhà qua dịch vụ bưu chính công ích.',
  'Theo báo cáo của Sở Thông tin và Truyền thông, tỷ lệ hồ sơ trực tuyến toàn trình đã tăng đáng kể.',
  'Những thủ tục được thực hiện nhiều nhất gồm chứng thực bản sao, đăng ký thường trú và cấp phiếu lý lịch tư pháp.',
  'Đại lý dịch vụ công đặt tại bưu điện xã giúp người cao tuổi khai báo, quét giấy tờ và theo dõi kết quả.',
  'Hồ sơ phải được quét rõ nét, đầy đủ và toàn vẹn trước khi gửi lên hệ thống để tránh bị trả lại.',
  'Phí, lệ phí được thu theo quy định hiện hành; người thuộc hộ nghèo được miễn theo hướng dẫn của bộ.',
  'Trong quý tới, thành phố tiếp tục rà soát, đơn giản hoá các thủ tục liên quan đến đất đai và xây dựng.',
  'Mỗi hồ sơ được gắn một mã số riêng để người nộp tra cứu tình trạng xử lý bất cứ lúc nào.',
  'Việc số hoá kết quả giải quyết thủ tục giúp người dân không phải nộp lại giấy tờ đã có trong cơ sở dữ liệu.',
  'Chủ tịch uỷ ban yêu cầu các phòng ban phối hợp chặt chẽ, không để hồ sơ quá hạn mà không có lý do.',
  'Người nộp hồ sơ cần mang theo căn cước công dân gắn chíp để đối chiếu thông tin khi nhận kết quả.',
  'Nhiều đại lý đã được tập huấn về quy trình tiếp nhận, bảo mật thông tin cá nhân và lưu trữ hồ sơ điện tử.',
  'Khi hệ thống gặp sự cố, hồ sơ vẫn được lưu tại máy và tự động gửi lại ngay khi có kết nối mạng.',
  'Phòng Tư pháp huyện đề nghị các xã thống kê số lượng giấy khai sinh, khai tử đã cấp trong năm.',
  'Thời hạn giải quyết được tính theo ngày làm việc, không kể thứ bảy, chủ nhật và các ngày nghỉ lễ, tết.',
  'Ông trưởng thôn cho biết bà con rất phấn khởi vì không còn phải đi xa, chờ đợi nhiều giờ như trước.',
  'Các trường hợp hồ sơ chưa hợp lệ sẽ được thông báo rõ lý do và hướng dẫn bổ sung trong một lần duy nhất.',
  'Kết quả khảo sát cho thấy mức độ hài lòng của người dân đối với dịch vụ hành chính công đạt trên chín mươi phần trăm.',
  'Học sinh, sinh viên được hỗ trợ đăng ký tạm trú trực tuyến ngay từ đầu năm học mới.',
  'Sở Kế hoạch và Đầu tư đã cấp giấy chứng nhận đăng ký doanh nghiệp cho nhiều hộ kinh doanh chuyển đổi.',
  'Đoàn kiểm tra ghi nhận một số điểm tiếp nhận còn thiếu máy quét, đường truyền chậm và biểu mẫu cũ.',
  'Người khuyết tật, người già yếu được ưu tiên tiếp nhận trước và có thể đăng ký trả kết quả tại nhà.',
  'Từ đầu năm đến nay, xã đã giải quyết xong hơn một nghìn hai trăm hồ sơ, không có hồ sơ nào trễ hẹn.',
  'Tờ khai phải ghi đầy đủ họ tên, ngày tháng năm sinh, nơi cư trú và số điện thoại liên hệ của người yêu cầu.',
  'Bản sao giấy tờ được chứng thực từ bản chính có giá trị sử dụng thay cho bản chính trong các giao dịch.',
  'Uỷ ban nhân dân tỉnh giao Văn phòng chủ trì, theo dõi, đôn đốc việc thực hiện kế hoạch này.',
  'Những khó khăn, vướng mắc phát sinh cần được phản ánh kịp thời để cấp trên xem xét, giải quyết.',
  'Mùa mưa bão năm nay, nhiều hộ dân vùng trũng được hỗ trợ làm lại giấy tờ bị hư hỏng do ngập lụt.',
  'Công chức tiếp nhận ký xác nhận vào phiếu hẹn, ghi rõ ngày trả kết quả và số điện thoại của bộ phận một cửa.',
  'Chị Hương, một người bán hàng ở chợ huyện, chỉ mất mười lăm phút để hoàn tất thủ tục đăng ký kinh doanh.',
  'Đề án phát triển ứng dụng dữ liệu dân cư đang được các bộ, ngành, địa phương triển khai đồng bộ.',
  'Mọi thắc mắc xin liên hệ đường dây nóng của Trung tâm phục vụ hành chính công trong giờ hành chính.',
  'Ngoài giờ làm việc, người dân vẫn có thể nộp hồ sơ trực tuyến; hồ sơ được xử lý vào ngày làm việc kế tiếp.',
  'Bộ phận tiếp nhận không yêu cầu người dân nộp thêm giấy tờ ngoài danh mục đã công khai.',
  'Năm ngoái, huyện đã thí điểm mô hình đại lý tại ba xã miền núi và nhận được nhiều phản hồi tích cực.',
  'Các thông tin cá nhân trên hồ sơ được bảo vệ theo quy định về bảo vệ dữ liệu cá nhân.',
  'Lễ ra mắt điểm phục vụ mới có sự tham dự của lãnh đạo huyện, đại diện bưu điện và đông đảo người dân.',
  'Việc thanh toán phí trực tuyến qua ngân hàng hoặc ví điện tử giúp giảm thời gian chờ tại quầy.',
  'Hội Nông dân xã phối hợp tuyên truyền để bà con biết và sử dụng dịch vụ công trực tuyến.',
  'Đến hết tháng chín, toàn tỉnh có hơn bốn trăm điểm hỗ trợ người dân thực hiện thủ tục trên môi trường điện tử.',
  'Bản đồ số các điểm phục vụ được cập nhật hằng tuần trên trang thông tin điện tử của tỉnh.',
  'Giấy xác nhận tình trạng hôn nhân có giá trị sáu tháng kể từ ngày cấp.',
  'Chiều nay, trời nắng nhẹ, nhiều người xếp hàng trật tự chờ đến lượt làm thủ tục cấp đổi giấy tờ.',
  'Nhờ được hướng dẫn tận tình, cụ ông tám mươi tuổi đã tự tra cứu được kết quả hồ sơ của mình.',
];

export type FormField = { label: string; value: string };

/** Invented declarant data for form pages (tờ khai). */
export const formFields: FormField[] = [
  { label: 'Họ, chữ đệm, tên người yêu cầu:', value: 'Trần Thị Mai Phương' },
  { label: 'Ngày, tháng, năm sinh:', value: '14/08/1986' },
  { label: 'Giới tính:', value: 'Nữ' },
  { label: 'Dân tộc:', value: 'Kinh' },
  { label: 'Quốc tịch:', value: 'Việt Nam' },
  { label: 'Nơi cư trú:', value: 'Số 27 ngõ Thổ Quan, phường Văn Chương' },
  { label: 'Giấy tờ tuỳ thân:', value: 'Căn cước công dân' },
  { label: 'Quan hệ với người được khai sinh:', value: 'Mẹ đẻ' },
  { label: 'Họ, chữ đệm, tên người được khai sinh:', value: 'Lê Hoàng Bảo Ngọc' },
  { label: 'Nơi sinh:', value: 'Bệnh viện Phụ sản Hà Nội' },
  { label: 'Quê quán:', value: 'Xã Đông Hưng, tỉnh Thái Bình' },
  { label: 'Họ, chữ đệm, tên người cha:', value: 'Lê Văn Thắng' },
  { label: 'Năm sinh người cha:', value: '1983' },
  { label: 'Nơi cư trú của người cha:', value: 'Số 27 ngõ Thổ Quan, phường Văn Chương' },
  { label: 'Số điện thoại liên hệ:', value: '0912 345 678' },
  { label: 'Đề nghị cấp bản sao:', value: 'Có, số lượng 02 bản' },
];

/** `count` sentences from the corpus in a seeded order, none repeated until all have been used. */
export function pickSentences(random: () => number, count: number): string[] {
  const out: string[] = [];
  let pool: string[] = [];
  while (out.length < count) {
    if (pool.length === 0) pool = [...sentences];
    const index = Math.floor(random() * pool.length);
    out.push(...pool.splice(index, 1));
  }
  return out;
}
