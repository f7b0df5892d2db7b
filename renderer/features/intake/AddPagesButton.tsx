// "Thêm trang": a real file input (reachable by Tab, labelled) styled as a button, accepting scans and PDFs.
import { useT } from '../../i18n/i18n-context';
import { UploadIcon } from '../../ui/icons';

export const acceptedFiles = '.jpg,.jpeg,.png,.tif,.tiff,.pdf';

type AddPagesButtonProps = {
  inputId: string;
  disabled: boolean;
  showHint: boolean;
  onFiles(files: File[]): void;
};

export function AddPagesButton({ inputId, disabled, showHint, onFiles }: AddPagesButtonProps) {
  const t = useT();
  return (
    <div className="file-button">
      <input
        id={inputId}
        type="file"
        className="visually-hidden"
        accept={acceptedFiles}
        multiple
        disabled={disabled}
        aria-describedby={`${inputId}-hint`}
        data-add-pages
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          onFiles(files);
        }}
      />
      <label htmlFor={inputId} className="btn btn--secondary">
        <UploadIcon />
        {t('intake.addPages')}
      </label>
      <span id={`${inputId}-hint`} className={showHint ? 'muted small' : 'visually-hidden'}>
        {t('intake.addPagesHint')}
      </span>
    </div>
  );
}
