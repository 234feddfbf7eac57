import escapeHtml from 'escape-html';

/** A fragment of HTML this code built; anything else interpolated into `html` is escaped. */
export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

type Interpolation = Html | string | number | boolean | null | undefined | Interpolation[];

function render(value: Interpolation): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/**
 * A tagged template for HTML: every interpolated value is escaped (text and attribute values
 * alike: escape-html escapes `& < > " '`), unless it is itself an `Html` fragment. What the
 * target answers is only ever interpolated, never concatenated in.
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(text);
}

/** Trusted text this code produced itself (the inline style and script, an SVG it drew). */
export function trusted(text: string): Html {
  return new Html(text);
}
