// Applicant fields of the intake form (người nộp hồ sơ), with inline problems from checkApplicant.
import {
  relationshipOptions,
  selfRelationship,
  unconfirmedFields,
  type ApplicantDraft,
  type AutoFillField,
} from '../../../electron/common/applicant';
import { tidyText } from '../../../electron/common/text';
import { useT } from '../../i18n/i18n-context';
import { DateField } from '../../ui/DateField';
import { SelectField, TextField } from '../../ui/Field';
import { sourceProps } from './FieldSource';
import { IdCardPanel } from './IdCardPanel';
import { confirmFields, forgetSource } from './id-card-fill';
import { useIdCardReader } from './use-id-card-reader';

export type ApplicantField =
  | 'fullName'
  | 'idNumber'
  | 'dateOfBirth'
  | 'sex'
  | 'address'
  | 'phone'
  | 'email'
  | 'relationship'
  | 'onBehalfOf.fullName'
  | 'onBehalfOf.idNumber';

type ApplicantFormProps = {
  applicant: ApplicantDraft;
  onChange(change: (a: ApplicantDraft) => ApplicantDraft): void;
  /** problems to show now, by field path */
  problems: Partial<Record<string, string>>;
  onFieldBlur(field: ApplicantField): void;
  readOnly: boolean;
  /** the dossier, for reading its applicant's ID card (CCCD) */
  dossierId: string;
  /** the ID-card picture was kept as a page */
  onPagesChanged(): void;
};

export function isForSomeoneElse(relationship: string | null | undefined): boolean {
  const r = tidyText(relationship ?? '');
  return r !== '' && r !== selfRelationship;
}

export function ApplicantForm({
  applicant,
  onChange,
  problems,
  onFieldBlur,
  readOnly,
  dossierId,
  onPagesChanged,
}: ApplicantFormProps) {
  const t = useT();
  const reader = useIdCardReader({
    dossierId,
    enabled: !readOnly,
    onChange,
    onFilled: (fields) => fields.forEach((f) => onFieldBlur(f)),
    onAttached: onPagesChanged,
  });
  const confirm = (fields: readonly AutoFillField[]) => onChange((a) => confirmFields(a, fields));
  // where a pre-filled value came from, its warning and its "Xác nhận"
  const source = (field: AutoFillField, label: string) =>
    sourceProps(applicant, field, { inputId: `applicant-${field}`, label, readOnly, onConfirm: (f) => confirm([f]) });
  const unconfirmed = unconfirmedFields(applicant);
  const text = (
    field: Exclude<ApplicantField, 'onBehalfOf.fullName' | 'onBehalfOf.idNumber' | 'dateOfBirth' | 'sex'>,
  ) => ({
    id: `applicant-${field}`,
    value: applicant[field] ?? '',
    // typing over a value read from the card makes it the agent's own: no source left to confirm
    onValueChange: (value: string) => onChange((a) => forgetSource({ ...a, [field]: value }, field)),
    onBlur: () => onFieldBlur(field),
    error: problems[field],
    readOnly,
  });
  const behalf = (field: 'fullName' | 'idNumber') => ({
    id: `applicant-onBehalfOf-${field}`,
    value: applicant.onBehalfOf?.[field] ?? '',
    onValueChange: (value: string) =>
      onChange((a) => ({ ...a, onBehalfOf: { ...a.onBehalfOf, [field]: value } })),
    onBlur: () => onFieldBlur(`onBehalfOf.${field}`),
    error: problems[`onBehalfOf.${field}`],
    readOnly,
  });

  return (
    <fieldset
      className={`fieldset fieldset--card${reader.dragging ? ' fieldset--drop' : ''}`}
      {...(reader.dropHandlers ?? {})}
    >
      <legend className="fieldset__legend">{t('intake.applicantSection')}</legend>
      <IdCardPanel
        reader={reader}
        unconfirmed={unconfirmed.length}
        onConfirmAll={() => confirm(unconfirmed)}
        readOnly={readOnly}
      />
      <div className="grid grid--3">
        <TextField
          {...text('fullName')}
          {...source('fullName', t('intake.fullName'))}
          label={t('intake.fullName')}
          autoComplete="off"
          required
          frameClassName="span-2"
        />
        <TextField
          {...text('idNumber')}
          {...source('idNumber', t('intake.idNumber'))}
          label={t('intake.idNumber')}
          inputMode="numeric"
          maxLength={16}
          autoComplete="off"
          required
        />
        <DateField
          {...source('dateOfBirth', t('intake.dateOfBirth'))}
          id="applicant-dateOfBirth"
          label={t('intake.dateOfBirth')}
          value={applicant.dateOfBirth ?? ''}
          onValueChange={(iso) =>
            onChange((a) => (iso === a.dateOfBirth ? a : forgetSource({ ...a, dateOfBirth: iso }, 'dateOfBirth')))
          }
          onBlur={() => onFieldBlur('dateOfBirth')}
          error={problems.dateOfBirth}
          readOnly={readOnly}
          required
        />
        <SelectField
          {...source('sex', t('intake.sex'))}
          id="applicant-sex"
          label={t('intake.sex')}
          value={applicant.sex ?? ''}
          onValueChange={(value) => onChange((a) => forgetSource({ ...a, sex: value }, 'sex'))}
          onBlur={() => onFieldBlur('sex')}
          error={problems.sex}
          disabled={readOnly}
          required
          options={[
            { value: '', label: t('intake.sexUnset') },
            { value: 'male', label: t('intake.sexMale') },
            { value: 'female', label: t('intake.sexFemale') },
          ]}
        />
        <TextField
          {...text('phone')}
          label={t('intake.phone')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          required
        />
        <TextField
          {...text('address')}
          {...source('address', t('intake.address'))}
          label={t('intake.address')}
          autoComplete="off"
          required
          frameClassName="span-2"
        />
        <TextField {...text('email')} label={t('intake.email')} type="email" autoComplete="off" />
        <TextField
          {...text('relationship')}
          label={t('intake.relationship')}
          hint={t('intake.relationshipHint')}
          list="relationship-options"
          autoComplete="off"
          frameClassName="span-2"
        />
        <datalist id="relationship-options">
          {relationshipOptions.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        {isForSomeoneElse(applicant.relationship) ? (
          <>
            <TextField
              {...behalf('fullName')}
              label={t('intake.behalfName')}
              autoComplete="off"
              required
              frameClassName="span-2"
            />
            <TextField
              {...behalf('idNumber')}
              label={t('intake.behalfId')}
              inputMode="numeric"
              maxLength={16}
              autoComplete="off"
            />
          </>
        ) : null}
      </div>
    </fieldset>
  );
}
