// A small XML reader for the parts of a Word package: elements, attributes and text, read in one pass without recursion.

/** An element: its name with the canonical prefix of its namespace ("w:p"), attributes by qualified name, children in order. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

/** Canonical prefixes of the namespaces the Word reader asks for, whatever prefix a file uses. */
const NAMESPACES: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'urn:schemas-microsoft-com:vml': 'v',
};

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,4});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

export class XmlError extends Error {}

const NAME = /[^\s/>=]+/y;
const ATTRIBUTE = /\s*([^\s/>=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/**
 * Parses an XML document into its root element. Prefixes of the namespaces in NAMESPACES are
 * rewritten to their canonical ones; declarations, comments, processing instructions and DOCTYPE
 * are skipped; CDATA is text. Linear in the length of the text, with an explicit stack (no
 * recursion, so nesting depth cannot overflow the call stack). Throws XmlError on text that is not
 * well formed enough to read.
 */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  /** Prefix → canonical prefix, one map per open element that declares namespaces. */
  const scopes: Array<{ depth: number; map: Map<string, string> }> = [];
  let prefixes = new Map<string, string>();
  let i = 0;
  const n = xml.length;
  // Names repeat (w:r, w:t …): each is rewritten once per namespace scope.
  let names = new Map<string, string>();
  let namesOf = prefixes;
  const canonical = (qname: string): string => {
    if (namesOf !== prefixes) {
      names = new Map();
      namesOf = prefixes;
    }
    const known = names.get(qname);
    if (known !== undefined) return known;
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const mapped = prefixes.get(prefix);
    const name = mapped === undefined ? qname : mapped === '' ? qname.slice(colon + 1) : `${mapped}:${qname.slice(colon + 1)}`;
    names.set(qname, name);
    return name;
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i && stack.length > 1) {
      const parent = stack[stack.length - 1];
      const text = xml.slice(i, textEnd);
      // Layout between elements is dropped; the text of w:t, w:delText, w:instrText is kept whole.
      if (parent.name.endsWith(':t') || parent.name.endsWith('Text') || /\S/.test(text)) parent.children.push(decode(text));
    }
    if (lt < 0) break;
    i = lt;
    const next = xml.charCodeAt(i + 1);
    if (next === 0x21 /* ! */) {
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i + 4);
        i = end < 0 ? n : end + 3;
      } else if (xml.startsWith('<![CDATA[', i)) {
        const end = xml.indexOf(']]>', i + 9);
        const text = xml.slice(i + 9, end < 0 ? n : end);
        if (stack.length > 1) stack[stack.length - 1].children.push(text);
        i = end < 0 ? n : end + 3;
      } else {
        const end = xml.indexOf('>', i + 2);
        i = end < 0 ? n : end + 1;
      }
      continue;
    }
    if (next === 0x3f /* ? */) {
      const end = xml.indexOf('?>', i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    if (next === 0x2f /* / */) {
      const end = xml.indexOf('>', i + 2);
      if (end < 0) throw new XmlError('unterminated end tag');
      if (stack.length <= 1) throw new XmlError('end tag without a start tag');
      stack.pop();
      while (scopes.length > 0 && scopes[scopes.length - 1].depth >= stack.length) {
        scopes.pop();
        prefixes = scopes.length > 0 ? scopes[scopes.length - 1].map : new Map();
      }
      i = end + 1;
      continue;
    }
    NAME.lastIndex = i + 1;
    const nm = NAME.exec(xml);
    if (!nm) throw new XmlError(`a tag without a name at offset ${i}`);
    let p = i + 1 + nm[0].length;
    let raw: Array<[string, string]> | undefined;
    let declares = false;
    while (p < n) {
      const c = xml.charCodeAt(p);
      if (c === 0x3e /* > */ || c === 0x2f /* / */) break;
      ATTRIBUTE.lastIndex = p;
      const a = ATTRIBUTE.exec(xml);
      if (!a) {
        // Only white space may stand between attributes and the end of the tag.
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
          p++;
          continue;
        }
        break;
      }
      (raw ??= []).push([a[1], decode(a[2] ?? a[3] ?? '')]);
      if (a[1] === 'xmlns' || a[1].startsWith('xmlns:')) declares = true;
      p = ATTRIBUTE.lastIndex;
    }
    let selfClosing = false;
    if (xml.charCodeAt(p) === 0x2f) {
      selfClosing = true;
      p++;
    }
    if (xml.charCodeAt(p) !== 0x3e) throw new XmlError(`a malformed tag at offset ${i}`);
    // Namespace declarations of this element apply to it and to what it contains.
    if (declares && raw) {
      const map = new Map(prefixes);
      for (const [k, v] of raw) {
        if (k !== 'xmlns' && !k.startsWith('xmlns:')) continue;
        const prefix = k === 'xmlns' ? '' : k.slice(6);
        const known = NAMESPACES[v];
        if (known !== undefined) map.set(prefix, known);
        else map.delete(prefix);
      }
      prefixes = map;
      scopes.push({ depth: stack.length, map });
    }
    const attrs: Record<string, string> = {};
    if (raw) for (const [k, v] of raw) attrs[k.startsWith('xmlns') ? k : canonical(k)] = v;
    const element: XmlElement = { name: canonical(nm[0]), attrs, children: [] };
    stack[stack.length - 1].children.push(element);
    if (!selfClosing) stack.push(element);
    else if (declares) {
      scopes.pop();
      prefixes = scopes.length > 0 ? scopes[scopes.length - 1].map : new Map();
    }
    i = p + 1;
  }
  const top = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!top) throw new XmlError('no root element');
  return top;
}

/** The element children of an element with the given name. */
export function childrenNamed(e: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of e.children) if (typeof c !== 'string' && c.name === name) out.push(c);
  return out;
}

/** The first element child with the given name. */
export function child(e: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!e) return undefined;
  for (const c of e.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

/** The "w:val" attribute of the named child ("<w:numId w:val="3"/>" → "3"). */
export function childVal(e: XmlElement | undefined, name: string): string | undefined {
  return child(e, name)?.attrs['w:val'];
}

/**
 * An OOXML on/off property ("<w:b/>", "<w:b w:val="false"/>"): true, false, or undefined when the
 * element is not there.
 */
export function onOff(e: XmlElement | undefined, name: string): boolean | undefined {
  const c = child(e, name);
  if (!c) return undefined;
  const v = c.attrs['w:val'];
  return v === undefined || !/^(?:0|false|off|none)$/i.test(v);
}

/** Every descendant element with one of the names, in document order (without recursion). */
export function descendants(e: XmlElement, names: ReadonlySet<string>): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlNode[] = [...e.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') continue;
    if (names.has(node.name)) out.push(node);
    for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]);
  }
  return out;
}
