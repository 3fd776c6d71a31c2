/**
 * A square canvas that follows its container's width at the screen's pixel density and
 * redraws with `draw(ctx, width, height)` whenever `draw` changes or the size does.
 */

import { useEffect, useRef, useState, type ReactNode } from 'react';

export function PlaneCanvas({
  draw,
  title,
  label,
  caption,
  testId,
  children,
}: {
  draw: (ctx: CanvasRenderingContext2D, width: number, height: number) => void;
  title: ReactNode;
  /** what the picture shows, for screen readers */
  label: string;
  caption?: ReactNode;
  testId?: string;
  children?: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ css: 0, dpr: 1 });

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setSize({ css: Math.floor(element.clientWidth), dpr: window.devicePixelRatio || 1 });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const device = Math.max(1, Math.round(size.css * size.dpr));
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || size.css === 0) return;
    ctx.clearRect(0, 0, device, device);
    draw(ctx, device, device);
  }, [draw, device, size.css]);

  return (
    <figure className="insight-plane" data-testid={testId}>
      <figcaption className="insight-plane-title">{title}</figcaption>
      <div ref={box} className="insight-plane-box">
        <canvas ref={canvas} width={device} height={device} style={{ width: size.css, height: size.css }} role="img" aria-label={label} />
      </div>
      {caption && <div className="insight-plane-caption small muted">{caption}</div>}
      {children}
    </figure>
  );
}
