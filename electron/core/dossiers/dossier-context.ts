// What the dossier service's parts share: the database, the clock, the catalog, loading with visibility, the detail view.
import type { Db } from '../../../db/client';
import type { DossierDetail } from '../../common/contract';
import type { Actor } from '../auth/actor';
import type { Clock } from '../ports';
import type { ProcedureLookup } from './dossier-detail';
import type { DossierRow } from './dossier-rows';

export type DossierContext = {
  db: Db;
  clock: Clock;
  procedureOf: ProcedureLookup;
  /** a dossier the actor may see (agents: their own); NOT_FOUND otherwise */
  loadRow(actor: Actor, id: string): DossierRow;
  /** a dossier the actor may change, in an editable status */
  loadEditable(actor: Actor, id: string): DossierRow;
  detail(row: DossierRow): DossierDetail;
};
