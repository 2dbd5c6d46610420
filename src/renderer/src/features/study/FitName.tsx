import { useLayoutEffect, useRef, useState } from 'react';
import { fitMiddle } from './fit-name';

let canvas: HTMLCanvasElement | null = null;

/** Width of a text in px in the font of `el` (a canvas measures it; no layout). */
function measurer(el: HTMLElement): (text: string) => number {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  const style = getComputedStyle(el);
  if (!ctx) return (t) => t.length * parseFloat(style.fontSize) * 0.6;
  ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  return (t) => ctx.measureText(t).width;
}

/** A name that takes the room it is given and, when that is too little, is shortened in the middle. */
export function FitName(props: { text: string; testId?: string }) {
  const ref = useRef<HTMLSpanElement | null>(null);
  const [room, setRoom] = useState<{ widthPx: number; measure: (t: string) => number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setRoom({ widthPx: el.clientWidth, measure: measurer(el) });
    const observer = new ResizeObserver(update);
    observer.observe(el);
    update();
    return () => observer.disconnect();
  }, []);
  const shown = room && room.widthPx > 0 ? fitMiddle(props.text, room.widthPx - 6, room.measure) : props.text;
  return (
    <span ref={ref} className="fit-name" data-testid={props.testId} data-full={props.text}>
      {shown}
    </span>
  );
}
