// Must be the first import of the renderer: zod compiles schemas with `new Function`, which the strict CSP forbids.
// jitless makes every schema created afterwards use the interpreter and never probe eval (no CSP violation reports).
import { z } from 'zod';

z.config({ jitless: true });
