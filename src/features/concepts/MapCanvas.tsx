import { quadtree, select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import { useEffect, useEffectEvent, useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import { conceptColor, conceptName } from './format';
import type { PointStyle } from './map-style';

export interface Anchor {
  k: number;
  x: number;
  y: number;
  share: number;
}

export interface MapControls {
  zoomBy(f: number): void;
  reset(): void;
  centerOn(i: number): void;
}

interface Props {
  /** point positions in CSS pixels for width × height (M × 2) */
  base: Float32Array;
  width: number;
  height: number;
  style: PointStyle;
  selected: number | null;
  neighbours: Int32Array | null;
  hovered: number | null;
  history: Int32Array | null;
  anchors: Anchor[];
  onHover: (i: number | null, x: number, y: number) => void;
  onSelect: (i: number | null) => void;
  onDrawn: (n: number) => void;
  controls: Ref<MapControls>;
  label: string;
}

function pointRadius(M: number): number {
  return M < 3000 ? 2.6 : M < 12000 ? 2.1 : 1.6;
}

/**
 * The item map on a canvas (thousands of points: SVG would be too slow). Drag to pan, wheel to
 * zoom; with the keyboard: arrows pan, + and − zoom, 0 resets, Escape clears the selection.
 */
export function MapCanvas(props: Props) {
  const { base, width, height, style, controls, label } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const transform = useRef<ZoomTransform>(zoomIdentity);
  const zoomer = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const frame = useRef(0);
  const M = base.length / 2;

  const byGroup = useMemo(() => {
    const lists: number[][] = style.legend.map(() => []);
    for (let i = 0; i < M; i++) if (!style.dim[i] && Number.isFinite(base[2 * i])) lists[style.group[i]].push(i);
    return lists.map((l) => Int32Array.from(l));
  }, [style, base, M]);

  const tree = useMemo(() => {
    const idx: number[] = [];
    for (let i = 0; i < M; i++) if (Number.isFinite(base[2 * i])) idx.push(i);
    return quadtree<number>()
      .x((i) => base[2 * i])
      .y((i) => base[2 * i + 1])
      .addAll(idx);
  }, [base, M]);

  const draw = () => {
    frame.current = 0;
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const p = latest.current;
    const dpr = window.devicePixelRatio || 1;
    const t = transform.current;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, p.width, p.height);
    const r = pointRadius(M) * Math.min(2.2, Math.max(1, Math.sqrt(t.k)));
    const X = (i: number) => t.x + t.k * p.base[2 * i];
    const Y = (i: number) => t.y + t.k * p.base[2 * i + 1];
    let drawn = 0;
    const dot = (i: number, rad = r) => {
      const x = X(i);
      const y = Y(i);
      if (x !== x) return;
      ctx.moveTo(x + rad, y);
      ctx.arc(x, y, rad, 0, 2 * Math.PI);
      drawn++;
    };
    // Faint points first, then each legend group, then what is highlighted.
    ctx.globalAlpha = 0.55;
    ctx.fillStyle = '#d4d4d9';
    ctx.beginPath();
    for (let i = 0; i < M; i++) if (p.style.dim[i]) dot(i, r * 0.8);
    ctx.fill();
    ctx.globalAlpha = 0.8;
    byGroup.forEach((list, g) => {
      ctx.fillStyle = p.style.legend[g].color;
      ctx.beginPath();
      for (const i of list) dot(i);
      ctx.fill();
    });
    ctx.globalAlpha = 1;
    if (p.style.matches > 0 && p.style.matches < M) {
      // Search hits: larger, outlined, on top of everything else.
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#1d1d1f';
      for (let i = 0; i < M; i++) {
        if (!p.style.match[i]) continue;
        ctx.beginPath();
        ctx.arc(X(i), Y(i), r * 1.5 + 1.5, 0, 2 * Math.PI);
        ctx.fillStyle = p.style.legend[p.style.group[i]].color;
        ctx.fill();
        ctx.stroke();
      }
    }
    if (p.history) {
      ctx.lineWidth = 1;
      ctx.strokeStyle = 'rgba(29,29,31,0.7)';
      ctx.beginPath();
      for (const i of p.history) {
        const x = X(i);
        const y = Y(i);
        ctx.moveTo(x + r + 1, y);
        ctx.arc(x, y, r + 1, 0, 2 * Math.PI);
      }
      ctx.stroke();
    }
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const shown = p.anchors
      .filter((a) => Number.isFinite(a.x))
      .map((a) => ({ ...a, sx: t.x + t.k * a.x, sy: t.y + t.k * a.y, s: 7 + 9 * Math.sqrt(a.share) }));
    // Diamonds first, then labels placed greedily where they overlap nothing placed so far.
    const boxes = shown.map((a) => ({ x0: a.sx - a.s, x1: a.sx + a.s, y0: a.sy - a.s, y1: a.sy + a.s }));
    for (const a of shown) {
      const { sx: x, sy: y, s } = a;
      ctx.beginPath();
      ctx.moveTo(x, y - s);
      ctx.lineTo(x + s, y);
      ctx.lineTo(x, y + s);
      ctx.lineTo(x - s, y);
      ctx.closePath();
      ctx.fillStyle = conceptColor(a.k);
      ctx.fill();
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#1d1d1f';
      ctx.stroke();
    }
    for (const a of shown) {
      const text = `μ ${conceptName(a.k)}`;
      const w = ctx.measureText(text).width + 4;
      const hgt = 13;
      // Eight directions at growing distances; a label pushed away gets a leader line.
      const spots: [number, number, boolean][] = [];
      for (const dist of [8, 22, 38]) {
        for (let q = 0; q < 8; q++) {
          const ang = -Math.PI / 2 + (q * Math.PI) / 4;
          const dx = Math.cos(ang) * (a.s + dist + (Math.abs(Math.cos(ang)) > 0.3 ? w / 2 - 4 : 0));
          const dy = Math.sin(ang) * (a.s + dist);
          spots.push([a.sx + dx, a.sy + dy, dist > 8]);
        }
      }
      const overlaps = (cx: number, cy: number) => {
        const b = { x0: cx - w / 2, x1: cx + w / 2, y0: cy - hgt / 2, y1: cy + hgt / 2 };
        return boxes.filter((o) => o.x0 < b.x1 && b.x0 < o.x1 && o.y0 < b.y1 && b.y0 < o.y1).length;
      };
      let best = spots[0];
      let fewest = Infinity;
      for (const spot of spots) {
        const n = overlaps(spot[0], spot[1]);
        if (n < fewest) [best, fewest] = [spot, n];
        if (n === 0) break;
      }
      boxes.push({ x0: best[0] - w / 2, x1: best[0] + w / 2, y0: best[1] - hgt / 2, y1: best[1] + hgt / 2 });
      if (best[2]) {
        ctx.beginPath();
        // From the diamond to the edge of the label's box.
        const ddx = a.sx - best[0];
        const ddy = a.sy - best[1];
        const f = Math.min(Math.abs(ddx) > 0 ? w / 2 / Math.abs(ddx) : Infinity, Math.abs(ddy) > 0 ? hgt / 2 / Math.abs(ddy) : Infinity, 1);
        ctx.moveTo(a.sx, a.sy);
        ctx.lineTo(best[0] + f * ddx, best[1] + f * ddy);
        ctx.strokeStyle = 'rgba(29,29,31,0.6)';
        ctx.lineWidth = 1;
        ctx.stroke();
      }
      ctx.fillStyle = '#1d1d1f';
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 3;
      ctx.strokeText(text, best[0], best[1]);
      ctx.fillText(text, best[0], best[1]);
    }
    if (p.selected !== null && p.neighbours) {
      const sx = X(p.selected);
      const sy = Y(p.selected);
      ctx.strokeStyle = 'rgba(29,29,31,0.55)';
      ctx.lineWidth = 1;
      ctx.beginPath();
      for (const j of p.neighbours) {
        ctx.moveTo(sx, sy);
        ctx.lineTo(X(j), Y(j));
      }
      ctx.stroke();
      ctx.fillStyle = '#ffffff';
      ctx.strokeStyle = '#1d1d1f';
      ctx.lineWidth = 1.5;
      for (const j of p.neighbours) {
        ctx.beginPath();
        ctx.arc(X(j), Y(j), r + 2, 0, 2 * Math.PI);
        ctx.fill();
        ctx.stroke();
      }
    }
    for (const [i, ring] of [
      [p.selected, 6],
      [p.hovered, 5],
    ] as const) {
      if (i === null) continue;
      ctx.beginPath();
      ctx.arc(X(i), Y(i), r + ring, 0, 2 * Math.PI);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#1d1d1f';
      ctx.stroke();
    }
    p.onDrawn(drawn);
  };

  const schedule = () => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  };
  const onZoom = useEffectEvent((t: ZoomTransform) => {
    transform.current = t;
    schedule();
  });

  useEffect(() => {
    const canvas = canvasRef.current!;
    const sel = select(canvas);
    const z = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.5, 60])
      .on('zoom', (e: { transform: ZoomTransform }) => onZoom(e.transform));
    sel.call(z).on('dblclick.zoom', null);
    zoomer.current = z;
    return () => {
      sel.on('.zoom', null);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, []);

  // A new layout starts from the whole picture.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas && zoomer.current) select(canvas).call(zoomer.current.transform, zoomIdentity);
  }, [base]);

  useEffect(schedule);

  useImperativeHandle(controls, () => ({
    zoomBy: (f) => zoomer.current && select(canvasRef.current!).call(zoomer.current.scaleBy, f),
    reset: () => zoomer.current && select(canvasRef.current!).call(zoomer.current.transform, zoomIdentity),
    centerOn: (i) =>
      zoomer.current &&
      select(canvasRef.current!).call(zoomer.current.translateTo, latest.current.base[2 * i], latest.current.base[2 * i + 1]),
  }));

  const pick = (clientX: number, clientY: number): { i: number | null; x: number; y: number } => {
    const rect = canvasRef.current!.getBoundingClientRect();
    const x = clientX - rect.left;
    const y = clientY - rect.top;
    const t = transform.current;
    const [dx, dy] = t.invert([x, y]);
    const found = tree.find(dx, dy, 10 / t.k);
    return { i: found ?? null, x, y };
  };

  const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  return (
    <canvas
      ref={canvasRef}
      className="cx-canvas"
      width={Math.round(width * dpr)}
      height={Math.round(height * dpr)}
      style={{ width, height }}
      tabIndex={0}
      role="img"
      aria-label={label}
      onMouseMove={(e) => {
        const h = pick(e.clientX, e.clientY);
        props.onHover(h.i, h.x, h.y);
      }}
      onMouseLeave={() => props.onHover(null, 0, 0)}
      onClick={(e) => props.onSelect(pick(e.clientX, e.clientY).i)}
      onKeyDown={(e) => {
        const z = zoomer.current;
        if (!z) return;
        const sel = select(canvasRef.current!);
        const step = 40 / transform.current.k;
        const keys: Record<string, () => void> = {
          ArrowLeft: () => sel.call(z.translateBy, step, 0),
          ArrowRight: () => sel.call(z.translateBy, -step, 0),
          ArrowUp: () => sel.call(z.translateBy, 0, step),
          ArrowDown: () => sel.call(z.translateBy, 0, -step),
          '+': () => sel.call(z.scaleBy, 1.3),
          '=': () => sel.call(z.scaleBy, 1.3),
          '-': () => sel.call(z.scaleBy, 1 / 1.3),
          '0': () => sel.call(z.transform, zoomIdentity),
          Escape: () => props.onSelect(null),
        };
        const f = keys[e.key];
        if (f) {
          e.preventDefault();
          f();
        }
      }}
    />
  );
}
