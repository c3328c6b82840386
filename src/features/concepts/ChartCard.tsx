import type { ReactNode, RefObject } from 'react';
import { downloadSvg } from './download';

interface Props {
  title: string;
  /** file name of the SVG export */
  file: string;
  svgRef: RefObject<SVGSVGElement | null>;
  caption?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}

/** A chart with its heading, an "SVG" export button and a caption. */
export function ChartCard({ title, file, svgRef, caption, children, className, testId }: Props) {
  return (
    <figure className={`cx-chart ${className ?? ''}`} data-testid={testId}>
      <div className="cx-chart-head">
        <h4>{title}</h4>
        <button
          type="button"
          className="cx-small"
          onClick={() => downloadSvg(file, svgRef.current)}
          aria-label={`Download “${title}” as SVG`}
        >
          SVG
        </button>
      </div>
      <div className="cx-chart-body">{children}</div>
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
