// Filing-mode limits read from checklist item names: real names from the national catalog, limited and left alone.
import { describe, expect, it } from 'vitest';
import {
  componentModes,
  decodeOnlyModes,
  encodeOnlyModes,
  requiredInMode,
} from '../../electron/common/component-modes';
import { pickIdCardComponent } from '../../electron/core/idcard/id-card-component';

describe('componentModes: items the record limits to some filing modes', () => {
  it.each([
    // 1.001193 đăng ký khai sinh: the paper form is for counter and postal filing, the e-form for online filing
    [
      'Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính)',
      ['postal', 'direct'],
    ],
    [
      'Mẫu hộ tịch điện tử tương tác đăng ký khai sinh (do người yêu cầu cung cấp thông tin theo hướng dẫn trên Cổng dịch vụ công, nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tuyến)',
      ['online'],
    ],
    // 1.000894 đăng ký kết hôn: two sentences, the closing parenthesis governs the whole item
    [
      'Tờ khai đăng ký kết hôn theo mẫu, có đủ thông tin của hai bên nam, nữ. Hai bên nam, nữ có thể khai chung vào một Tờ khai đăng ký kết hôn (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)',
      ['direct'],
    ],
    // the ID shown at the counter
    [
      'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng (sau đây gọi tắt là giấy tờ tùy thân) để chứng minh về nhân thân khi làm thủ tục trực tiếp tại cơ quan đăng ký hộ tịch.',
      ['direct'],
    ],
    [
      'Trường hợp gửi hồ sơ qua hệ thống bưu chính thì phải gửi kèm theo bản sao có chứng thực các giấy tờ phải xuất trình nêu trên.',
      ['postal'],
    ],
    [
      'Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tuyến hoặc gửi hồ sơ qua hệ thống bưu chính)',
      ['online', 'postal'],
    ],
    [
      'Bản sao giấy tờ chứng minh đã nộp phí thẩm định cấp phép theo quy định đối với trường hợp nộp hồ sơ trực tiếp',
      ['direct'],
    ],
    [
      '01 phiếu đăng ký công dân được khai đầy đủ theo mẫu số 01/LS-ĐKCD ban hành kèm theo Thông tư số 06/2023/TT-BNG (nếu lựa chọn hình thức nộp trực tiếp)',
      ['direct'],
    ],
    [
      'Ba (03) bản danh mục xuất bản phẩm đăng ký nhập khẩu trong trường hợp nộp trực tiếp hoặc nộp qua dịch vụ bưu chính',
      ['postal', 'direct'],
    ],
    [
      'Lưu ý: Trường hợp trực tiếp nộp hồ sơ thì văn bản đề nghị bổ sung họ tên, số định danh cá nhân hoặc số hộ chiếu của người đến liên hệ',
      ['direct'],
    ],
    ['Đối với giấy tờ gửi kèm theo nếu người yêu cầu nộp hồ sơ theo hình thức trực tuyến', ['online']],
    [
      'Lưu ý: Khi nộp hồ sơ trực tuyến, công dân khai báo thông tin theo biểu mẫu điện tử được cung cấp sẵn, không đính kèm biểu mẫu CT01.',
      ['online'],
    ],
    // stray punctuation the portal leaves at the end
    [
      'Tờ khai đăng ký chấm dứt giám hộ theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính);)',
      ['postal', 'direct'],
    ],
  ])('%s -> %j', (name, modes) => {
    expect(componentModes(name)).toEqual(modes);
  });
});

describe('componentModes: items left for every mode', () => {
  it.each([
    // how fees are paid, not how the dossier is filed
    'Bản sao chứng từ nộp phí, lệ phí theo quy định (trường hợp nộp phí, lệ phí qua dịch vụ bưu chính hoặc nộp trực tiếp vào tài khoản của cơ quan tiếp nhận hồ sơ thuộc Ủy ban nhân dân tỉnh và cơ quan quản lý nhà nước về quyền sở hữu công nghiệp (lệ phí đăng bạ))',
    // how the result comes back
    '01 phong bì có dán tem và ghi rõ địa chỉ người nhận (nếu hồ sơ gửi qua dịch vụ bưu chính và yêu cầu trả kết quả qua dịch vụ bưu chính).',
    // the same document in every mode, in a different form per mode
    '02 ảnh màu đối với trường hợp nộp hồ sơ trực tiếp hoặc qua đường bưu điện, 01 tệp (file) ảnh đối với trường hợp nộp hồ sơ trên môi trường điện tử cỡ 3cm x 4cm, nền trắng, chụp trong vòng 06 tháng gần nhất',
    'Bản sao có chứng thực hoặc bản sao có xuất trình bản chính để đối chiếu (trường hợp nộp hồ sơ trực tiếp); bản sao có chứng thực (trường hợp gửi hồ sơ trực tuyến hoặc qua đường bưu điện) văn bản thông báo kết luận giám định di vật, cổ vật của cơ quan, tổ chức quy định tại khoản 3 Điều 41 Luật Di sản văn hóa.',
    'Biên bản xác nhận tình trạng của người bị tai nạn do Hội Chữ thập đỏ lập có xác nhận của Ủy ban nhân dân cấp xã nơi xảy ra tai nạn hoặc cơ quan công an nơi xảy ra tai nạn (bản chính hoặc bản sao có chứng thực nếu gửi qua bưu điện, bản phô tô và bản chính để đối chiếu nếu gửi trực tiếp)',
    // the condition only picks the electronic alternative of a photo every mode needs
    'Ảnh chân dung 3x4 hoặc ảnh chân dung 3x4 dạng điện tử(đối với trường hợp gửi trực tuyến).',
    '01 ảnh chân dung màu cỡ 3 cm x 4 cm hoặc bản điện tử ảnh màu (trong trường hợp nộp hồ sơ trực tuyến).',
    // the condition sits in the middle and only changes a detail
    'Phiếu đề nghị công nhận văn bằng do cơ sở nước ngoài cấp (theo mẫu tại Phụ lục I ban hành kèm theo Thông tư số 13/2021/TT-BGDĐT). Trường hợp người đề nghị công nhận văn bằng nộp hồ sơ trực tuyến thì cung cấp thông tin trực tiếp trên Mẫu Phiếu khai điện tử trên Cổng Dịch vụ công trực tuyến của Bộ Giáo dục và Đào tạo',
    'Bản sao hoặc bản sao điện tử (đối với trường hợp nộp trên môi trường điện tử) Giấy chứng nhận kiểm định an toàn kỹ thuật và bảo vệ môi trường do cơ quan có thẩm quyền cấp còn hiệu lực.',
    // negated: a rule for those who do not come in person
    'Văn bản thỏa thuận lựa chọn quốc tịch Việt Nam cho con của cha, mẹ đối với trường hợp người được ghi chú khai sinh có cha hoặc mẹ là công dân Việt Nam, người kia là người nước ngoài; nếu cha, mẹ không nộp hồ sơ trực tiếp thì chữ ký trên văn bản thỏa thuận phải được công chứng hợp lệ.',
    // "trực tiếp" meaning the person who carries the procedure out, not the way of filing
    'Giấy giới thiệu hoặc văn bản phân công nhiệm vụ của tổ chức đó cho cá nhân trực tiếp thực hiện thủ tục liên quan đến đăng ký doanh nghiệp',
    // both modes named, no condition
    'Người có yêu cầu đăng ký khai sinh thực hiện việc nộp/xuất trình (theo hình thức trực tiếp) hoặc tải lên (theo hình thức trực tuyến) các giấy tờ sau',
    // an exception, not a condition
    'Trường hợp thực hiện thông qua người đại diện thì văn bản có nội dung về đại diện là tài liệu phải có trong hồ sơ đăng ký, hồ sơ cung cấp thông tin (01 bản chính hoặc 01 bản sao có chứng thực hoặc 01 bản sao kèm bản chính để đối chiếu), trừ trường hợp thực hiện việc đăng ký qua tài khoản đăng ký trực tuyến của người đại diện quy định tại khoản 2 Điều 24 Nghị định số 99/2022/NĐ-CP (khoản 7 Điều 8 Nghị định số 99/2022/NĐ-CP, khoản 4 Điều 24 Nghị định số 99/2022/NĐ-CP).',
    // an online note that also sends something by post
    'Trường hợp nộp hồ sơ trực tuyến thì hộ chiếu phải gửi qua dịch vụ bưu chính công ích về cơ quan tiếp nhận; thành phần hồ sơ khác phải được chứng thực điện tử theo quy định, trường hợp chưa được chứng thực điện tử thì gửi hồ sơ về cơ quan tiếp nhận thông qua dịch vụ bưu chính công ích.',
    // several documents glued into one item: the condition governs only the first
    'Tờ khai ghi chú kết hôn theo mẫu tại Phụ lục Thông tư 04/2020/TT-BTP (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp). - Bản sao giấy tờ chứng nhận việc kết hôn do cơ quan có thẩm quyền của nước ngoài cấp.',
    // plain items
    'Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh.',
    'Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh. Trường hợp người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền thì văn bản ủy quyền không phải chứng thực.',
  ])('%s -> null', (name) => {
    expect(componentModes(name)).toBeNull();
  });

  it('reads the same with decomposed (NFD) accents and odd spacing', () => {
    const name =
      'Tờ khai đăng ký khai tử theo mẫu   (nếu nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính).';
    expect(componentModes(name.normalize('NFD'))).toEqual(['postal', 'direct']);
  });
});

describe('only_modes column and the effective requirement', () => {
  it('encodes in a fixed order and decodes back; empty or unknown means every mode', () => {
    expect(encodeOnlyModes(['direct', 'postal'])).toBe('postal,direct');
    expect(encodeOnlyModes(null)).toBeNull();
    expect(encodeOnlyModes([])).toBeNull();
    expect(decodeOnlyModes('postal,direct')).toEqual(['postal', 'direct']);
    expect(decodeOnlyModes(null)).toBeNull();
    expect(decodeOnlyModes('')).toBeNull();
    expect(decodeOnlyModes('fax')).toBeNull();
  });

  it('a required item limited to other modes is not required in this one', () => {
    expect(requiredInMode(true, ['postal', 'direct'], 'online')).toBe(false);
    expect(requiredInMode(true, ['postal', 'direct'], 'direct')).toBe(true);
    expect(requiredInMode(true, null, 'online')).toBe(true);
    expect(requiredInMode(false, ['online'], 'online')).toBe(false);
  });
});

describe('the ID-card slot follows the filing mode and the case', () => {
  // 1.001193: the ID shown at the counter "khi làm thủ tục trực tiếp", and a general ID copy left optional
  const slot = (id: number, over: Partial<Parameters<typeof pickIdCardComponent>[0][number]>) => ({
    id,
    pageKind: 'id_card' as const,
    caseKey: null,
    requirement: 'required' as const,
    onlyModes: null,
    requirementByMode: null,
    ord: id,
    ...over,
  });
  const components = [
    slot(10, { onlyModes: 'direct' }),
    slot(11, { requirement: 'optional' }),
    slot(12, { pageKind: 'document', ord: 0 }),
  ];

  it('a counter dossier puts the card in the slot the counter requires', () => {
    expect(pickIdCardComponent(components, 'direct', null)?.id).toBe(10);
  });

  it('an online dossier prefers a slot meant for every mode to one meant for the counter', () => {
    expect(pickIdCardComponent(components, 'online', null)?.id).toBe(11);
    // and still finds the counter slot when it is the only ID slot
    expect(pickIdCardComponent(components.slice(0, 1), 'online', null)?.id).toBe(10);
  });

  it('never takes a document slot, nor the ID slot of a case the dossier is not filed under', () => {
    expect(pickIdCardComponent([components[2] ?? slot(1, {})], 'direct', null)).toBeNull();
    const byCase = [slot(20, { caseKey: 'thue-nha' }), slot(21, { caseKey: 'nha-minh', requirement: 'optional' })];
    expect(pickIdCardComponent(byCase, 'direct', 'nha-minh')?.id).toBe(21);
    expect(pickIdCardComponent(byCase, 'direct', null)).toBeNull();
  });
});
