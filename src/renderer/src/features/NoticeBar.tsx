import { useEffect, useState } from 'react';
import { fading, headline, type Notice } from './notices';

interface Props {
  notices: Notice[];
  dismiss(id: number): void;
  clear(): void;
}

/**
 * One line of notices: the newest error (else the newest information) with "+N more", which opens the others.
 * Information fades out by itself; errors stay until dismissed.
 */
export function NoticeBar({ notices, dismiss, clear }: Props) {
  const [open, setOpen] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const { shown, others, errors } = headline(notices);
  const hasInfo = notices.some((n) => n.kind === 'info');

  // Re-render while information is on screen, so it can fade.
  useEffect(() => {
    if (!hasInfo) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [hasInfo]);

  if (!shown) return null;
  const text = (n: Notice) => (n.repeats > 1 ? `${n.text} (×${n.repeats})` : n.text);
  const rest = notices.filter((n) => n.id !== shown.id).reverse();
  return (
    <div className="notices">
      <div
        className={`notice ${shown.kind}${fading(shown, now) ? ' fading' : ''}`}
        role={shown.kind === 'error' ? 'alert' : 'status'}
        data-testid={shown.kind === 'error' ? 'error' : 'info'}
      >
        <span className="notice-text" title={shown.text}>
          {text(shown)}
        </span>
        {others > 0 && (
          <button type="button" className="link notice-more" aria-expanded={open} data-testid="notice-more" onClick={() => setOpen(!open)}>
            +{others} more{errors > (shown.kind === 'error' ? 1 : 0) ? ` (${errors - (shown.kind === 'error' ? 1 : 0)} error${errors - (shown.kind === 'error' ? 1 : 0) === 1 ? '' : 's'})` : ''}
          </button>
        )}
        <button type="button" className="icon" aria-label="Dismiss" onClick={() => dismiss(shown.id)}>
          ×
        </button>
      </div>
      {open && others > 0 && rest.length > 0 && (
        <ul className="notice-list" data-testid="notice-list">
          {rest.map((n) => (
            <li key={n.id} className={`notice ${n.kind}`} data-testid="notice-item">
              <span className="notice-text">{text(n)}</span>
              <button type="button" className="icon" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
                ×
              </button>
            </li>
          ))}
          <li className="notice-clear">
            <button type="button" className="link" onClick={clear}>
              Dismiss all
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
