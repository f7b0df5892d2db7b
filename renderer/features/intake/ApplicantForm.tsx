// Applicant fields of the intake form (người nộp hồ sơ), with inline problems from checkApplicant.
import {
  relationshipOptions,
  selfRelationship,
  type ApplicantDraft,
} from '../../../electron/common/applicant';
import { tidyText } from '../../../electron/common/text';
import { useT } from '../../i18n/i18n-context';
import { DateField } from '../../ui/DateField';
import { SelectField, TextField } from '../../ui/Field';

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
};

export function isForSomeoneElse(relationship: string | null | undefined): boolean {
  const r = tidyText(relationship ?? '');
  return r !== '' && r !== selfRelationship;
}

export function ApplicantForm({ applicant, onChange, problems, onFieldBlur, readOnly }: ApplicantFormProps) {
  const t = useT();
  const text = (
    field: Exclude<ApplicantField, 'onBehalfOf.fullName' | 'onBehalfOf.idNumber' | 'dateOfBirth' | 'sex'>,
  ) => ({
    id: `applicant-${field}`,
    value: applicant[field] ?? '',
    onValueChange: (value: string) => onChange((a) => ({ ...a, [field]: value })),
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
    <fieldset className="fieldset fieldset--card">
      <legend className="fieldset__legend">{t('intake.applicantSection')}</legend>
      <div className="grid grid--3">
        <TextField
          {...text('fullName')}
          label={t('intake.fullName')}
          autoComplete="off"
          required
          frameClassName="span-2"
        />
        <TextField
          {...text('idNumber')}
          label={t('intake.idNumber')}
          inputMode="numeric"
          maxLength={16}
          autoComplete="off"
          required
        />
        <DateField
          id="applicant-dateOfBirth"
          label={t('intake.dateOfBirth')}
          value={applicant.dateOfBirth ?? ''}
          onValueChange={(iso) => onChange((a) => ({ ...a, dateOfBirth: iso }))}
          onBlur={() => onFieldBlur('dateOfBirth')}
          error={problems.dateOfBirth}
          readOnly={readOnly}
          required
        />
        <SelectField
          id="applicant-sex"
          label={t('intake.sex')}
          value={applicant.sex ?? ''}
          onValueChange={(value) => onChange((a) => ({ ...a, sex: value }))}
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
