// Date input helpers for the dd/MM/yyyy fields: parse what the agent typed into yyyy-MM-dd and back.

/** "05/03/1990", "5/3/1990", "05-03-1990", "05031990" -> "1990-03-05"; null when not a real calendar date. */
export function parseDmy(text: string): string | null {
  const trimmed = text.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!m) m = /^(\d{2})(\d{2})(\d{4})$/.exec(trimmed);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year)}-${pad(month)}-${pad(day)}`;
}

/** "1990-03-05" -> "05/03/1990"; anything else is returned unchanged. */
export function isoToDmy(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3] ?? ''}/${m[2] ?? ''}/${m[1] ?? ''}` : iso;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** 7 hours: Vietnam time, as in electron/common/format.ts, so every time on screen agrees whatever the PC's zone. */
const vietnamOffsetMs = 7 * 3_600_000;

/** HH:mm:ss of an epoch in Vietnam time, for "Đã lưu lúc …". */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs + vietnamOffsetMs);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
