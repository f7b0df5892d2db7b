// Office settings stored as JSON rows in `settings`, with defaults for everything but the office itself.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { settings as settingsTable } from '../../../db/schema';
import { settingsSchema, type Settings } from '../../common/contract';
import { AppError } from '../../common/errors';
import { checkPhone } from '../../common/phone';
import { appendAudit } from '../audit/audit-log';
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import type { Clock } from '../ports';

export const defaultSettings: Omit<Settings, 'office'> = {
  idleTimeoutMinutes: 15,
  receiptPageSize: 'A4',
  approvalPolicy: 'none',
  approvalProcedures: [],
  portalUrl: 'http://127.0.0.1:4010',
  serviceChargeVnd: 0,
  scanFolder: '',
  counterNumber: 1,
};

/**
 * The office phone is printed on every receipt: a real Vietnamese number (mobile or 02x landline), stored as national
 * digits, or none. A wrong one is refused on its field.
 */
export function checkedOffice(office: Settings['office']): Settings['office'] {
  const raw = office.phone?.trim() ?? '';
  if (raw === '') return { ...office, phone: undefined };
  const phone = checkPhone(raw);
  if (!phone.ok) throw new AppError('VALIDATION', { fields: { 'office.phone': phone.reason } });
  return { ...office, phone: phone.phone };
}

export type SettingsService = ReturnType<typeof createSettingsService>;

export function createSettingsService({ db, clock }: { db: Db; clock: Clock }) {
  function readRaw(): Partial<Settings> {
    const row = db.select().from(settingsTable).where(eq(settingsTable.key, 'app')).get();
    return row ? (JSON.parse(row.value) as Partial<Settings>) : {};
  }

  function write(value: Settings): void {
    const json = JSON.stringify(value);
    db.insert(settingsTable)
      .values({ key: 'app', value: json, updatedAt: clock.now() })
      .onConflictDoUpdate({ target: settingsTable.key, set: { value: json, updatedAt: clock.now() } })
      .run();
  }

  return {
    hasOffice(): boolean {
      return readRaw().office !== undefined;
    },
    get(): Settings {
      const raw = readRaw();
      if (!raw.office) throw new AppError('SETUP_REQUIRED');
      return settingsSchema.parse({ ...defaultSettings, ...raw });
    },
    /** used by first-run set-up, inside its transaction */
    initialise(office: Settings['office'], counterNumber = defaultSettings.counterNumber): void {
      write({ ...defaultSettings, office: checkedOffice(office), counterNumber });
    },
    update(actor: Actor, patch: Partial<Settings>): Settings {
      requireRole(actor, ['admin']);
      return db.transaction(() => {
        const next = settingsSchema.parse({
          ...defaultSettings,
          ...readRaw(),
          ...patch,
          ...(patch.office ? { office: checkedOffice(patch.office) } : {}),
        });
        write(next);
        appendAudit(db, {
          at: clock.now(),
          actorId: actor.userId,
          action: 'settings.update',
          entity: 'settings',
          entityId: 'app',
          details: { keys: Object.keys(patch) },
        });
        return next;
      });
    },
  };
}
