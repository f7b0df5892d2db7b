// Interface language picker (Tiếng Việt / English).
import { useI18n, type Lang } from '../i18n/i18n-context';
import { SelectField } from './Field';

const options = [
  { value: 'vi', label: 'Tiếng Việt' },
  { value: 'en', label: 'English' },
];

export function LanguageSelect({ id, label }: { id: string; label: string }) {
  const { lang, setLang } = useI18n();
  return (
    <SelectField
      id={id}
      label={label}
      value={lang}
      options={options}
      onValueChange={(v) => setLang(v as Lang)}
    />
  );
}
