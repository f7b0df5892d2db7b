// Fixture: invented contents of a Giấy chứng sinh (synthetic names from syllable lists, no real person), seeded.
import { provinceCodes } from '../../electron/common/province-codes';

export type Rng = () => number;

/** The truth a page carries beside it as NAME.fields.json; the keys are fixed by issue 10. */
export type BirthCertificateTruth = {
  childFullName: string;
  childSex: 'Nam' | 'Nữ';
  /** dd/MM/yyyy */
  dateOfBirth: string;
  placeOfBirth: string;
  motherFullName: string;
  motherIdNumber: string;
};

export type BirthCertificateContent = {
  truth: BirthCertificateTruth;
  /** HH:mm, printed as "… giờ … phút" */
  timeOfBirth: string;
  facility: { parent: string; name: string; town: string };
  serial: string;
  book: string;
  motherBirthYear: number;
  motherResidence: string;
  motherEthnicity: string;
  /** 10-digit social insurance number, a distractor beside the ID number */
  insuranceNumber: string;
  idIssueDate: string;
  fatherFullName: string | null;
  /** as written on the form: "Nam"/"Nữ" or the older "Trai"/"Gái" */
  sexWritten: string;
  children: string;
  weightGrams: number;
  note: string;
  /** the signing date under the body (a distractor for the date of birth) */
  issueDate: { day: number; month: number; year: number };
  midwife: string;
  head: string;
};

export const pick = <T>(random: Rng, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};
export const int = (random: Rng, min: number, max: number): number =>
  min + Math.floor(random() * (max - min + 1));
const pad2 = (n: number) => String(n).padStart(2, '0');

const surnames =
  'Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trịnh Đinh Mai Lương Tạ Cao Quách Lưu Châu Kiều Triệu Thái'.split(
    ' ',
  );
const femaleMiddles = 'Thị Ngọc Thu Kim Thanh Mỹ Bích Diệu Hồng Phương Khánh Bảo Minh Hoài Tuyết'.split(' ');
const maleMiddles = 'Văn Hữu Đức Minh Quốc Gia Thanh Công Xuân Đình Bảo Nhật Trọng Hoàng Tuấn'.split(' ');
const femaleGiven =
  'Anh Giang Hà Hạnh Hoa Hương Lan Linh Mai Nga Nhung Quỳnh Tâm Thảo Thủy Trang Vân Yến Ánh Huyền Ngân Uyên Ngọc Diệp Hằng Loan Nhi Phượng Thư Trâm Vy Xuân Oanh Duyên Thùy Châu Hiền Lụa'.split(
    ' ',
  );
const maleGiven =
  'An Bình Cường Dũng Hải Hiếu Hùng Khánh Long Nam Phong Phúc Quân Sơn Thắng Trung Tuấn Việt Đạt Lộc Nghĩa Khôi Huy Kiên Lâm Nhân Quang Thịnh Toàn Vũ Duy Hưng Khoa Tùng Đăng Thiện Mạnh'.split(
    ' ',
  );
const childFemaleMiddles = 'Bảo Ngọc Khánh Minh Gia Thảo Tuệ An Hà Diệu Phương Thiên Mai Tường'.split(' ');
const childMaleMiddles = 'Minh Gia Bảo Đức Hoàng Nhật Quang Anh Thiên Đăng Trí Phúc Hữu Khải'.split(' ');

/** The 34 provinces after the 2025 reform (Nghị quyết 202/2025/QH15). */
export const provinces =
  'Hà Nội|Huế|Hải Phòng|Đà Nẵng|Thành phố Hồ Chí Minh|Cần Thơ|Tuyên Quang|Lào Cai|Thái Nguyên|Phú Thọ|Bắc Ninh|Hưng Yên|Ninh Bình|Quảng Trị|Quảng Ngãi|Gia Lai|Khánh Hòa|Lâm Đồng|Đắk Lắk|Đồng Nai|Tây Ninh|Vĩnh Long|Đồng Tháp|Cà Mau|An Giang|Cao Bằng|Điện Biên|Hà Tĩnh|Lai Châu|Lạng Sơn|Nghệ An|Quảng Ninh|Thanh Hóa|Sơn La'.split(
    '|',
  );
const cities = new Set(['Hà Nội', 'Huế', 'Hải Phòng', 'Đà Nẵng', 'Thành phố Hồ Chí Minh', 'Cần Thơ']);
const communes =
  'Hoà An|Tân Lập|Đồng Tâm|Phú Thịnh|Quảng Phú|Xuân Hoà|Thạch Bàn|Nghĩa Đô|Yên Thế|Hưng Đạo|Bình Minh|Vĩnh Hưng|Tiên Phong|Hòa Bình|Thuận Thành|Kim Sơn|Lạc Long|Phước Hải|Tân Phú|Long Hưng|Mỹ Lộc|Đông Sơn|Trung Hà|Cẩm Giàng'.split(
    '|',
  );
const streets =
  'Lê Lợi|Trần Hưng Đạo|Nguyễn Trãi|Hai Bà Trưng|Quang Trung|Lý Thường Kiệt|Phan Đình Phùng|Hùng Vương|Điện Biên Phủ|Võ Thị Sáu'.split(
    '|',
  );
const ethnicities = 'Kinh|Kinh|Kinh|Kinh|Tày|Thái|Mường|Khmer|Nùng|Hoa|Dao|Ê Đê'.split('|');
const notes = 'Sinh thường|Sinh mổ|Sinh thường, mẹ và bé khỏe|||Trẻ khỏe mạnh'.split('|');

const provincePrefix = (province: string) =>
  cities.has(province) ? (province.startsWith('Thành phố') ? '' : 'thành phố ') : 'tỉnh ';
const inProvince = (province: string) => `${provincePrefix(province)}${province}`.trim();

function fullName(random: Rng, sex: 'male' | 'female', child: boolean): string {
  const surname = pick(random, surnames);
  const middles = child
    ? sex === 'male'
      ? childMaleMiddles
      : childFemaleMiddles
    : sex === 'male'
      ? maleMiddles
      : femaleMiddles;
  const given = pick(random, sex === 'male' ? maleGiven : femaleGiven);
  const parts = [surname];
  // children often carry both parents' surnames ("Nguyễn Trần Bảo An"); some mothers have two middle names
  if (child && random() < 0.25)
    parts.push(
      pick(
        random,
        surnames.filter((s) => s !== surname),
      ),
    );
  parts.push(pick(random, middles));
  if (!child && random() < 0.15)
    parts.push(
      pick(
        random,
        middles.filter((m) => m !== parts[1]),
      ),
    );
  parts.push(
    given === parts[parts.length - 1] ? pick(random, sex === 'male' ? maleGiven : femaleGiven) : given,
  );
  return parts.join(' ');
}

function facilityFor(random: Rng, province: string): { parent: string; name: string; town: string } {
  const commune = pick(random, communes);
  const kind = random();
  if (kind < 0.45)
    return {
      parent: `SỞ Y TẾ ${province.toUpperCase()}`,
      name: `Bệnh viện Đa khoa ${inProvince(province)}`,
      town: province,
    };
  if (kind < 0.65)
    return {
      parent: `SỞ Y TẾ ${province.toUpperCase()}`,
      name: `Bệnh viện Sản Nhi ${inProvince(province)}`,
      town: province,
    };
  if (kind < 0.85)
    return {
      parent: `SỞ Y TẾ ${province.toUpperCase()}`,
      name: `Trung tâm Y tế khu vực ${commune}`,
      town: commune,
    };
  return { parent: `UBND XÃ ${commune.toUpperCase()}`, name: `Trạm Y tế xã ${commune}`, town: commune };
}

/** A female holder's 12-digit personal ID: province code, century-and-sex digit (1: 1900s, 3: 2000s), yy, 6 digits. */
export function motherIdNumber(random: Rng, birthYear: number): string {
  const province = pick(random, Object.keys(provinceCodes));
  const century = birthYear >= 2000 ? 3 : 1;
  const serial = Array.from({ length: 6 }, () => String(int(random, 0, 9))).join('');
  return `${province}${String(century)}${pad2(birthYear % 100)}${serial}`;
}

export function birthCertificateContent(random: Rng): BirthCertificateContent {
  const province = pick(random, provinces);
  const facility = facilityFor(random, province);
  const sex = random() < 0.5 ? 'male' : 'female';
  const year = random() < 0.7 ? 2026 : 2025;
  const month = year === 2025 ? int(random, 10, 12) : int(random, 1, 12);
  const day = int(random, 1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const born = new Date(Date.UTC(year, month - 1, day));
  const issued = new Date(born.getTime() + int(random, 0, 3) * 86_400_000);
  const motherBirthYear = int(random, 1982, 2006);
  const placeOfBirth = facility.name.startsWith('Bệnh viện')
    ? facility.name
    : `${facility.name}, ${inProvince(province)}`;
  const residenceProvince = random() < 0.7 ? province : pick(random, provinces);
  const motherResidence =
    random() < 0.5
      ? `Thôn ${pick(random, communes)}, xã ${pick(random, communes)}, ${inProvince(residenceProvince)}`
      : `Số ${String(int(random, 1, 250))} ${pick(random, streets)}, phường ${pick(random, communes)}, ${inProvince(residenceProvince)}`;
  const sexWritten = random() < 0.8 ? (sex === 'male' ? 'Nam' : 'Nữ') : sex === 'male' ? 'Trai' : 'Gái';
  return {
    truth: {
      childFullName: fullName(random, sex, true),
      childSex: sex === 'male' ? 'Nam' : 'Nữ',
      dateOfBirth: `${pad2(day)}/${pad2(month)}/${String(year)}`,
      placeOfBirth,
      motherFullName: fullName(random, 'female', false),
      motherIdNumber: motherIdNumber(random, motherBirthYear),
    },
    timeOfBirth: `${pad2(int(random, 0, 23))}:${pad2(int(random, 0, 59))}`,
    facility,
    serial: `${String(int(random, 1, 4999))}/GCS`,
    book: pad2(int(random, 1, 30)),
    motherBirthYear,
    motherResidence,
    motherEthnicity: pick(random, ethnicities),
    insuranceNumber: Array.from({ length: 10 }, () => String(int(random, 0, 9))).join(''),
    idIssueDate: `${pad2(int(random, 1, 28))}/${pad2(int(random, 1, 12))}/${String(int(random, 2021, 2025))}`,
    fatherFullName: random() < 0.7 ? fullName(random, 'male', false) : null,
    sexWritten,
    children: random() < 0.93 ? '01' : '02',
    weightGrams: int(random, 24, 42) * 100,
    note: pick(random, notes),
    issueDate: { day: issued.getUTCDate(), month: issued.getUTCMonth() + 1, year: issued.getUTCFullYear() },
    midwife: `${pick(random, ['Hộ sinh', 'NHS', 'BS.', 'Bác sĩ'])} ${fullName(random, 'female', false)}`,
    head: `${pick(random, ['BS.CKII', 'BS.CKI', 'ThS.BS', 'Giám đốc'])} ${fullName(random, random() < 0.5 ? 'male' : 'female', false)}`,
  };
}
