// The styles of a Word document (word/styles.xml): what a paragraph or character style says about emphasis, capitals, hidden text, outline level and numbering, through its "based on" chain.

import { child, childrenNamed, childVal, onOff, XmlElement } from './xml';

/** Run properties the reader needs; undefined where nothing is said. */
export interface RunLook {
  bold?: boolean;
  italic?: boolean;
  caps?: boolean;
  hidden?: boolean;
}

/** What a paragraph style says, its "based on" chain included. */
export interface ParagraphStyle {
  /** Numbering linked to the style (Word's multilevel lists linked to Heading 1, Heading 2 …). */
  numId?: string;
  ilvl?: number;
  /** 0 for a Heading 1, 1 for a Heading 2 …; undefined for body text. */
  outlineLevel?: number;
  run: RunLook;
}

interface RawStyle {
  type: string;
  basedOn?: string;
  name?: string;
  numId?: string;
  ilvl?: number;
  outlineLevel?: number;
  run: RunLook;
}

/** The run properties an rPr element sets. */
export function runLook(rPr: XmlElement | undefined): RunLook {
  if (!rPr) return {};
  const look: RunLook = {};
  const bold = onOff(rPr, 'w:b');
  const italic = onOff(rPr, 'w:i');
  const caps = onOff(rPr, 'w:caps');
  const hidden = onOff(rPr, 'w:vanish');
  if (bold !== undefined) look.bold = bold;
  if (italic !== undefined) look.italic = italic;
  if (caps !== undefined) look.caps = caps;
  if (hidden !== undefined) look.hidden = hidden;
  return look;
}

/** `over` where it says something, else `under`. */
export function layer(under: RunLook, over: RunLook): RunLook {
  return { ...under, ...over };
}

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d{1,6}$/.test(value.trim())) return undefined;
  return Number(value);
}

/** Word's built-in heading styles are named "heading 1" … "heading 9" (LibreOffice: "Heading 1"). */
function headingLevelOfName(name: string | undefined): number | undefined {
  const m = name ? /^heading\s*([1-9])$/i.exec(name.trim()) : null;
  return m ? Number(m[1]) - 1 : undefined;
}

export class StyleSheet {
  private readonly styles = new Map<string, RawStyle>();
  private readonly resolved = new Map<string, ParagraphStyle>();
  /** Run properties of the document defaults (docDefaults). */
  readonly defaults: RunLook;
  /** The paragraph style used where a paragraph names none. */
  private readonly defaultParagraph?: string;

  constructor(root: XmlElement | undefined) {
    this.defaults = runLook(child(child(child(root, 'w:docDefaults'), 'w:rPrDefault'), 'w:rPr'));
    let defaultParagraph: string | undefined;
    for (const s of root ? childrenNamed(root, 'w:style') : []) {
      const id = s.attrs['w:styleId'];
      if (!id) continue;
      const type = s.attrs['w:type'] ?? 'paragraph';
      const pPr = child(s, 'w:pPr');
      const numPr = child(pPr, 'w:numPr');
      const name = childVal(s, 'w:name');
      const raw: RawStyle = {
        type,
        run: runLook(child(s, 'w:rPr')),
        ...(childVal(s, 'w:basedOn') ? { basedOn: childVal(s, 'w:basedOn') } : {}),
        ...(name ? { name } : {}),
      };
      const numId = childVal(numPr, 'w:numId');
      if (numId !== undefined) raw.numId = numId;
      const ilvl = integer(childVal(numPr, 'w:ilvl'));
      if (ilvl !== undefined) raw.ilvl = ilvl;
      const outline = integer(childVal(pPr, 'w:outlineLvl')) ?? headingLevelOfName(name);
      // Outline level 9 is body text.
      if (outline !== undefined && outline >= 0 && outline < 9) raw.outlineLevel = outline;
      this.styles.set(id, raw);
      if (type === 'paragraph' && /^(?:1|true|on)$/i.test(s.attrs['w:default'] ?? '')) defaultParagraph = id;
    }
    if (defaultParagraph) this.defaultParagraph = defaultParagraph;
  }

  /** The chain of a style and the styles it is based on, nearest first (cycles and long chains cut). */
  private chain(id: string | undefined): RawStyle[] {
    const out: RawStyle[] = [];
    const seen = new Set<string>();
    for (let cur = id; cur && !seen.has(cur) && out.length < 32; ) {
      seen.add(cur);
      const s = this.styles.get(cur);
      if (!s) break;
      out.push(s);
      cur = s.basedOn;
    }
    return out;
  }

  /** A paragraph style, resolved through its chain; the default paragraph style when none is named. */
  paragraph(id: string | undefined): ParagraphStyle {
    const key = id ?? this.defaultParagraph ?? '';
    const known = this.resolved.get(key);
    if (known) return known;
    const style: ParagraphStyle = { run: {} };
    // Farthest first, so that nearer styles override.
    for (const s of this.chain(key).reverse()) {
      style.run = layer(style.run, s.run);
      if (s.numId !== undefined) style.numId = s.numId;
      if (s.ilvl !== undefined) style.ilvl = s.ilvl;
      if (s.outlineLevel !== undefined) style.outlineLevel = s.outlineLevel;
    }
    this.resolved.set(key, style);
    return style;
  }

  /** Run properties of a character style, resolved through its chain. */
  character(id: string | undefined): RunLook {
    let look: RunLook = {};
    for (const s of this.chain(id).reverse()) look = layer(look, s.run);
    return look;
  }

  /** The numbering of a numbering style (abstractNum w:numStyleLink points at one). */
  numberingOfStyle(id: string): string | undefined {
    for (const s of this.chain(id)) if (s.numId !== undefined) return s.numId;
    return undefined;
  }
}
