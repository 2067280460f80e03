// A trace as a waterfall: one row per span, indented under its parent, a bar placed on the trace's time
// axis in its service's colour (red outline on error). Clicking a row opens its attributes, status and links;
// the caret before a span folds its subtree away.
import { Fragment, type ReactNode, useState } from 'react';
import { formatMs, serviceColour } from '../layout/format';
import {
  isDatabaseSpan,
  layoutWaterfall,
  type SpanTiming,
  subtreeSizes,
  timeTicks,
  visibleRows,
} from '../layout/waterfall';

export interface WaterfallSpan extends SpanTiming {
  name: string;
  kind?: string | number;
  status: { code: string | number; message?: string };
  attributes: Record<string, unknown>;
  links?: { trace_id: string; span_id: string }[];
}

const isError = (s: WaterfallSpan) => s.status.code === 'ERROR' || s.status.code === 2 || s.status.code === 'error';

export function WaterfallChart<S extends WaterfallSpan>(props: {
  spans: readonly S[];
  renderLink?: (link: { trace_id: string; span_id: string }) => ReactNode;
}) {
  const [open, setOpen] = useState<string | undefined>();
  const [hideDatabase, setHideDatabase] = useState(false);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const databaseSpans = props.spans.filter(isDatabaseSpan).length;
  const { rows, totalMs, services } = layoutWaterfall(
    hideDatabase ? props.spans.filter((s) => !isDatabaseSpan(s)) : props.spans,
  );
  const scale = (ms: number) => (totalMs > 0 ? (ms / totalMs) * 100 : 0);
  const sizes = subtreeSizes(rows);
  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div className="waterfall" data-testid="waterfall">
      <div className="waterfall-legend">
        {services.map((s) => (
          <span key={s} className="legend-item" data-service={s}>
            <i style={{ background: serviceColour(s) }} />
            {s}
          </span>
        ))}
        {databaseSpans > 0 && (
          <label className="checkbox legend-toggle">
            <input type="checkbox" checked={hideDatabase} onChange={(e) => setHideDatabase(e.target.checked)} /> hide{' '}
            {databaseSpans} database spans
          </label>
        )}
        <span className="legend-total">{formatMs(totalMs)}</span>
      </div>
      <div className="waterfall-row waterfall-axis">
        <div className="waterfall-label" />
        <div className="waterfall-track">
          {timeTicks(totalMs).map((t) => (
            <span key={t} className="tick" style={{ left: `${scale(t)}%` }}>
              {t === 0 ? '0' : formatMs(t)}
            </span>
          ))}
        </div>
      </div>
      {visibleRows(rows, collapsed).map(({ span, depth, offsetMs, durationMs }) => {
        const indent = Math.min(depth, 24) * 8;
        const children = sizes.get(span.span_id) ?? 0;
        const folded = collapsed.has(span.span_id);
        return (
          <div key={span.span_id} className="waterfall-line">
            {children > 0 && (
              <button
                type="button"
                className="waterfall-caret"
                style={{ left: `${indent}px` }}
                aria-expanded={!folded}
                aria-label={`${folded ? 'Show' : 'Fold'} the ${children} spans under ${span.service} ${span.name}`}
                onClick={() => toggle(span.span_id)}
              >
                {folded ? '▸' : '▾'}
              </button>
            )}
            <button
              type="button"
              className={`waterfall-row${open === span.span_id ? ' open' : ''}${isError(span) ? ' error' : ''}`}
              data-span-service={span.service}
              aria-expanded={open === span.span_id}
              onClick={() => setOpen(open === span.span_id ? undefined : span.span_id)}
            >
              <span
                className="waterfall-label"
                style={{ paddingLeft: `${indent + 18}px` }}
                title={`${span.service}: ${span.name}`}
              >
                <i style={{ background: serviceColour(span.service) }} />
                <b>{span.service}</b> {span.name}
                {folded && <span className="folded">+{children}</span>}
              </span>
              <span className="waterfall-track">
                <span
                  className="waterfall-bar"
                  style={{
                    left: `${scale(offsetMs)}%`,
                    width: `max(2px, ${scale(durationMs)}%)`,
                    background: serviceColour(span.service),
                  }}
                />
                <span className="waterfall-duration" style={{ left: `min(${scale(offsetMs + durationMs)}%, 92%)` }}>
                  {formatMs(durationMs)}
                </span>
              </span>
            </button>
            {open === span.span_id && <SpanDetails span={span} renderLink={props.renderLink} />}
          </div>
        );
      })}
    </div>
  );
}

function SpanDetails<S extends WaterfallSpan>(props: {
  span: S;
  renderLink: ((link: { trace_id: string; span_id: string }) => ReactNode) | undefined;
}) {
  const { span } = props;
  const attributes = Object.entries(span.attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="span-details" data-testid="span-details">
      <dl>
        <dt>span</dt>
        <dd>
          <code>{span.span_id}</code> {span.kind !== undefined && <span className="chip">{String(span.kind)}</span>}
        </dd>
        <dt>status</dt>
        <dd className={isError(span) ? 'bad' : undefined}>
          {String(span.status.code)}
          {span.status.message ? `: ${span.status.message}` : ''}
        </dd>
        <dt>duration</dt>
        <dd>{formatMs(span.duration_ms)}</dd>
        {attributes.map(([key, value]) => (
          <Fragment key={key}>
            <dt>{key}</dt>
            <dd>
              <code>{typeof value === 'string' ? value : JSON.stringify(value)}</code>
            </dd>
          </Fragment>
        ))}
        {(span.links ?? []).length > 0 && (
          <>
            <dt>links</dt>
            <dd>
              {(span.links ?? []).map((link) => (
                <div key={`${link.trace_id}:${link.span_id}`}>
                  {props.renderLink ? props.renderLink(link) : <code>{link.trace_id}</code>}
                </div>
              ))}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
