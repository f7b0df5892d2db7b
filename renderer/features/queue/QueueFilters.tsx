// Filter bar of the dossier queue: status, date range, agent, procedure code, free-text search.
import { dossierStatusSchema, type CallInput, type CallOutput } from '../../../electron/common/contract';
import { useT } from '../../i18n/i18n-context';
import { DateField } from '../../ui/DateField';
import { SelectField, TextField } from '../../ui/Field';

export type QueueFilter = {
  status: string;
  fromDate: string;
  toDate: string;
  createdBy: string;
  procedureCode: string;
  text: string;
};
export const emptyFilter: QueueFilter = {
  status: '',
  fromDate: '',
  toDate: '',
  createdBy: '',
  procedureCode: '',
  text: '',
};

type Directory = CallOutput<'users.directory'>;

export function toListInput(f: QueueFilter, offset: number, limit: number): CallInput<'dossiers.list'> {
  const status = dossierStatusSchema.safeParse(f.status);
  return {
    ...(status.success ? { status: status.data } : {}),
    ...(f.fromDate ? { fromDate: f.fromDate } : {}),
    ...(f.toDate ? { toDate: f.toDate } : {}),
    ...(f.createdBy ? { createdBy: f.createdBy } : {}),
    ...(f.procedureCode.trim() ? { procedureCode: f.procedureCode.trim() } : {}),
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
    limit,
    offset,
  };
}

type QueueFiltersProps = {
  filter: QueueFilter;
  directory: Directory;
  onChange(f: QueueFilter): void;
  onApply(): void;
  onReset(): void;
};

export function QueueFilters({ filter, directory, onChange, onApply, onReset }: QueueFiltersProps) {
  const t = useT();
  const set = (key: keyof QueueFilter) => (value: string) => onChange({ ...filter, [key]: value });
  return (
    <form
      className="card filters"
      aria-label={t('queue.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onApply();
      }}
    >
      <TextField
        id="queue-text"
        type="search"
        label={t('queue.text')}
        hint={t('queue.textHint')}
        value={filter.text}
        onValueChange={set('text')}
        autoComplete="off"
        data-search-box
        frameClassName="filters__text"
      />
      <SelectField
        id="queue-status"
        label={t('queue.status')}
        value={filter.status}
        onValueChange={set('status')}
        options={[
          { value: '', label: t('common.all') },
          ...dossierStatusSchema.options.map((s) => ({ value: s, label: t(`dossierStatus.${s}`) })),
        ]}
      />
      <DateField
        id="queue-from"
        label={t('queue.fromDate')}
        value={filter.fromDate}
        onValueChange={set('fromDate')}
        showHint={false}
      />
      <DateField
        id="queue-to"
        label={t('queue.toDate')}
        value={filter.toDate}
        onValueChange={set('toDate')}
        showHint={false}
      />
      <SelectField
        id="queue-agent"
        label={t('queue.agent')}
        value={filter.createdBy}
        onValueChange={set('createdBy')}
        options={[
          { value: '', label: t('common.all') },
          ...directory.map((u) => ({ value: u.id, label: u.fullName })),
        ]}
      />
      <TextField
        id="queue-procedure"
        label={t('queue.procedureCode')}
        value={filter.procedureCode}
        onValueChange={set('procedureCode')}
        autoComplete="off"
      />
      <div className="filters__actions">
        <button type="submit" className="btn btn--primary">
          {t('queue.apply')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={onReset}>
          {t('queue.reset')}
        </button>
      </div>
    </form>
  );
}
