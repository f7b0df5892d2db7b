// Usual answers for "Quốc tịch" (names of countries in Vietnamese) offered by the pick list; any country name is accepted.

/*
 * Not a registry: the forms validator takes any country name (field-values.ts). These are the nationalities agents
 * meet most at a counter (neighbours, the largest communities of foreigners and of Vietnamese abroad), written as
 * Vietnamese papers write them, with the spellings people type as extra keys.
 */
export const nationalityOptions: readonly { value: string; label: string; keys?: readonly string[] }[] = [
  { value: 'Việt Nam', label: 'Việt Nam', keys: ['VN', 'Viet Nam', 'Vietnam'] },
  { value: 'Lào', label: 'Lào', keys: ['Laos'] },
  { value: 'Campuchia', label: 'Campuchia', keys: ['Cambodia', 'Cam-pu-chia'] },
  { value: 'Trung Quốc', label: 'Trung Quốc', keys: ['China'] },
  { value: 'Đài Loan (Trung Quốc)', label: 'Đài Loan (Trung Quốc)', keys: ['Taiwan'] },
  { value: 'Hàn Quốc', label: 'Hàn Quốc', keys: ['Korea'] },
  { value: 'Nhật Bản', label: 'Nhật Bản', keys: ['Japan'] },
  { value: 'Thái Lan', label: 'Thái Lan', keys: ['Thailand'] },
  { value: 'Ma-lai-xi-a', label: 'Ma-lai-xi-a', keys: ['Malaysia'] },
  { value: 'Xin-ga-po', label: 'Xin-ga-po', keys: ['Singapore'] },
  { value: 'In-đô-nê-xi-a', label: 'In-đô-nê-xi-a', keys: ['Indonesia'] },
  { value: 'Phi-líp-pin', label: 'Phi-líp-pin', keys: ['Philippines'] },
  { value: 'Ấn Độ', label: 'Ấn Độ', keys: ['India'] },
  { value: 'Hoa Kỳ', label: 'Hoa Kỳ', keys: ['Mỹ', 'USA', 'United States'] },
  { value: 'Ca-na-đa', label: 'Ca-na-đa', keys: ['Canada'] },
  { value: 'Ô-xtrây-li-a', label: 'Ô-xtrây-li-a', keys: ['Úc', 'Australia'] },
  { value: 'Niu Di-lân', label: 'Niu Di-lân', keys: ['New Zealand'] },
  { value: 'Anh', label: 'Anh', keys: ['Vương quốc Anh', 'United Kingdom', 'UK'] },
  { value: 'Pháp', label: 'Pháp', keys: ['France'] },
  { value: 'Đức', label: 'Đức', keys: ['Germany'] },
  { value: 'Nga', label: 'Nga', keys: ['Liên bang Nga', 'Russia'] },
  { value: 'Ba Lan', label: 'Ba Lan', keys: ['Poland'] },
  { value: 'Séc', label: 'Séc', keys: ['Czech', 'Cộng hòa Séc'] },
  { value: 'U-crai-na', label: 'U-crai-na', keys: ['Ukraine'] },
  { value: 'I-ta-li-a', label: 'I-ta-li-a', keys: ['Ý', 'Italy'] },
  { value: 'Hà Lan', label: 'Hà Lan', keys: ['Netherlands'] },
  { value: 'Thụy Điển', label: 'Thụy Điển', keys: ['Sweden'] },
  { value: 'Na Uy', label: 'Na Uy', keys: ['Norway'] },
  { value: 'Đan Mạch', label: 'Đan Mạch', keys: ['Denmark'] },
  { value: 'Bỉ', label: 'Bỉ', keys: ['Belgium'] },
  { value: 'Thụy Sĩ', label: 'Thụy Sĩ', keys: ['Switzerland'] },
  { value: 'Cu-ba', label: 'Cu-ba', keys: ['Cuba'] },
  { value: 'Không quốc tịch', label: 'Không quốc tịch', keys: ['stateless'] },
];
