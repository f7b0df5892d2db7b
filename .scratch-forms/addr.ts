import { readFileSync } from 'node:fs';
import { createAdminUnits, parseAddressText, adminUnitsFileSchema } from '../electron/common/forms/admin-units';
const units = createAdminUnits(adminUnitsFileSchema.parse(JSON.parse(readFileSync('resources/admin-units/admin-units.json', 'utf8'))));
for (const a of process.argv.slice(2)) console.log(a, '=>', JSON.stringify(parseAddressText(a, units)));
console.log(units.communesOf('01').filter(c => /Láng|Ba Đình|Hoàn Kiếm/.test(c.name)));
console.log(units.provinces.slice(0,3));
