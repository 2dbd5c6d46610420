/**
 * The app's modal dialog shell: a backdrop that closes on Escape (without letting the key reach the workspace's
 * shortcuts), a labelled dialog box with its title, and focus on the first control that `focus` selects.
 */
import { useEffect, useRef, type ReactNode } from 'react';

export function Modal(props: {
  title: string;
  testId: string;
  onClose(): void;
  children: ReactNode;
  /** Classes beside `modal` (e.g. `wide`, `figure-dialog`). */
  className?: string;
  /** Selector of the control focused on opening; none when omitted. */
  focus?: string;
}) {
  const box = useRef<HTMLDivElement | null>(null);
  const { focus } = props;
  useEffect(() => {
    if (focus) box.current?.querySelector<HTMLElement>(focus)?.focus();
  }, [focus]);
  return (
    <div
      className="modal-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onClose();
        }
      }}
    >
      <div ref={box} className={props.className ? `modal ${props.className}` : 'modal'} role="dialog" aria-modal="true" aria-label={props.title} data-testid={props.testId}>
        <h2>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}
