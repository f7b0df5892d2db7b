// Calls onIdle once after timeoutMs without keyboard, pointer or wheel input; re-arms while enabled.
import { useEffect, useRef } from 'react';

const activityEvents = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export function useIdle(timeoutMs: number, enabled: boolean, onIdle: () => void): void {
  const latest = useRef(onIdle);
  useEffect(() => {
    latest.current = onIdle;
  });

  useEffect(() => {
    if (!enabled || timeoutMs <= 0) return;
    let timer = setTimeout(() => latest.current(), timeoutMs);
    let last = Date.now();
    const onActivity = () => {
      const now = Date.now();
      if (now - last < 500) return; // pointermove fires constantly; re-arming twice a second is plenty
      last = now;
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), timeoutMs);
    };
    for (const name of activityEvents)
      window.addEventListener(name, onActivity, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const name of activityEvents) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [timeoutMs, enabled]);
}
