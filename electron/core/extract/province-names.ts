// Province names as a place or a header may write them: the 63 of the ID codes and the 34 after the 2025 merger.
import { provinceCodes } from '../../common/province-codes';

/** Province names as IDs were issued for them (63) and as they are after the 2025 merger, in both tone placements. */
export const provinceNames: readonly string[][] = [
  ...new Set([...Object.values(provinceCodes), 'Huế', 'Thanh Hóa', 'Khánh Hòa', 'Hòa Bình', 'Hồ Chí Minh']),
].map((name) => name.normalize('NFC').split(' '));
