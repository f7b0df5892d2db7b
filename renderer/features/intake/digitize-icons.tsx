// Icons of the digitizing tools (ID card, camera, scanner, re-use): decorative, the button carries the name.
import type { ReactNode } from 'react';

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const IdCardIcon = () => (
  <Icon>
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <circle cx="8.5" cy="11" r="2" />
    <path d="M5.5 16c.6-1.4 1.7-2 3-2s2.4.6 3 2M14 10h4M14 13h4" />
  </Icon>
);

export const CameraIcon = () => (
  <Icon>
    <path d="M4 8h3l2-2.5h6L17 8h3v11H4z" />
    <circle cx="12" cy="13" r="3.5" />
  </Icon>
);

export const ScannerIcon = () => (
  <Icon>
    <path d="M3 14h18v5H3zM5 14l12-8M7 17h4" />
  </Icon>
);

export const ReuseIcon = () => (
  <Icon>
    <path d="M7 7h9a4 4 0 0 1 0 8H8" />
    <path d="M10 4 7 7l3 3M11 18l-3-3" />
  </Icon>
);
