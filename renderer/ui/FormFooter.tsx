// A form's last lines: core's refusal and the success sentence, then its submit button (disabled while sending).
import { ErrorNotice, InfoNotice } from './Notice';

type FormFooterProps = {
  label: string;
  busy: boolean;
  error: string;
  done?: string;
  /** the button at the start of the row (a part inside a longer page), not at its end */
  start?: boolean;
  large?: boolean;
};

export function FormFooter({ label, busy, error, done = '', start = false, large = false }: FormFooterProps) {
  return (
    <>
      <ErrorNotice>{error}</ErrorNotice>
      <InfoNotice>{done}</InfoNotice>
      <div className={`form__actions${start ? ' form__actions--start' : ''}`}>
        <button type="submit" className={`btn btn--primary${large ? ' btn--large' : ''}`} disabled={busy}>
          {label}
        </button>
      </div>
    </>
  );
}
