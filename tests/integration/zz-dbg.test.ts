import { it } from 'vitest';
import { createHash } from 'node:crypto';
import { tinyJpeg } from '../support/review-fixtures';
it('x', async () => {
  for (const n of [9001, 9002]) { const b = await tinyJpeg(n); console.log(n, b.length, createHash('sha256').update(b).digest('hex').slice(0, 16)); }
});
