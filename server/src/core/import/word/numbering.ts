// Word's automatic numbering (word/numbering.xml) as Word counts it: abstract numberings and their levels, numbering instances with their overrides, start values, restarts and formats.

import { intToRoman } from '../../document/numerals';
import { StyleSheet } from './styles';
import { child, childrenNamed, childVal, onOff, XmlElement } from './xml';

interface Level {
  start: number;
  /** upperRoman, decimal, lowerLetter, bullet, none … */
  format: string;
  /** "%1.", "%1-", "%2)", "-" … */
  text: string;
  /** Restart after a use of this 1-based level or a higher one; 0: never; undefined: after any higher level. */
  restart?: number;
  /** Legal numbering: the levels shown in this level's text are written in Arabic numerals. */
  legal: boolean;
  /** What follows the number: a tab (Word's default), a space, or nothing. */
  suffix: 'tab' | 'space' | 'nothing';
  /** The paragraph style linked to the level ("Heading1"). */
  style?: string;
}

interface AbstractNumbering {
  levels: Map<number, Level>;
  /** A numbering that takes its definition from a numbering style (w:numStyleLink). */
  styleLink?: string;
}

interface NumberingInstance {
  abstractId: string;
  /** Start values that restart a level when the instance is first used (w:startOverride). */
  starts: Map<number, number>;
  /** Levels redefined by the instance. */
  levels: Map<number, Level>;
}

/** The number or bullet Word draws before a paragraph. */
export interface ListMarker {
  /** As Word shows it: "I.", "II-", "1.", "a)", "-", "•"; empty for a level without a number. */
  text: string;
  bullet: boolean;
  /** What separates it from the text. */
  suffix: Level['suffix'];
}

function integer(value: string | undefined, fallback: number): number {
  return value !== undefined && /^-?\d{1,9}$/.test(value.trim()) ? Number(value) : fallback;
}

function readLevel(lvl: XmlElement): Level {
  const restart = childVal(lvl, 'w:lvlRestart');
  const suffix = childVal(lvl, 'w:suff');
  const style = childVal(lvl, 'w:pStyle');
  return {
    // The standard's default start is 0; Word writes it for every level it makes.
    start: integer(childVal(lvl, 'w:start'), 0),
    format: childVal(lvl, 'w:numFmt') ?? 'decimal',
    text: childVal(lvl, 'w:lvlText') ?? '',
    ...(restart !== undefined ? { restart: integer(restart, 0) } : {}),
    legal: onOff(lvl, 'w:isLgl') ?? false,
    suffix: suffix === 'space' || suffix === 'nothing' ? suffix : 'tab',
    ...(style ? { style } : {}),
  };
}

function readLevels(parent: XmlElement): Map<number, Level> {
  const levels = new Map<number, Level>();
  for (const lvl of childrenNamed(parent, 'w:lvl')) {
    const ilvl = integer(lvl.attrs['w:ilvl'], -1);
    if (ilvl >= 0 && ilvl < 9) levels.set(ilvl, readLevel(lvl));
  }
  return levels;
}

/** a, b, … z, aa, bb, … as Word writes lowerLetter. */
function letters(n: number, upper: boolean): string {
  if (n < 1) return String(n);
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  const out = letter.repeat(Math.floor((n - 1) / 26) + 1);
  return upper ? out.toUpperCase() : out;
}

/** A counter's value in a level's format. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'upperRoman':
      return n >= 1 && n < 90 ? intToRoman(n) : String(n);
    case 'lowerRoman':
      return n >= 1 && n < 90 ? intToRoman(n).toLowerCase() : String(n);
    case 'upperLetter':
      return letters(n, true);
    case 'lowerLetter':
      return letters(n, false);
    case 'decimalZero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'none':
      return '';
    default:
      // decimal, and the formats of other scripts, which plans do not use.
      return String(n);
  }
}

/**
 * The numbering of one document, counted as Word counts it while it lays the document out: call
 * `next` for each numbered paragraph, in document order.
 *
 * Counters belong to an abstract numbering, so instances of the same list continue each other; an
 * instance with a start override restarts the overridden levels when it is first used (what
 * Word's "Restart at 1" writes). Using a level restarts the deeper levels whose lvlRestart says so
 * (by default every deeper level).
 */
export class Numbering {
  private readonly abstracts = new Map<string, AbstractNumbering>();
  private readonly instances = new Map<string, NumberingInstance>();
  private readonly counters = new Map<string, Array<number | undefined>>();
  private readonly started = new Set<string>();

  constructor(
    root: XmlElement | undefined,
    private readonly styles: StyleSheet,
  ) {
    if (!root) return;
    for (const a of childrenNamed(root, 'w:abstractNum')) {
      const id = a.attrs['w:abstractNumId'];
      if (id === undefined) continue;
      const link = childVal(a, 'w:numStyleLink');
      this.abstracts.set(id, { levels: readLevels(a), ...(link ? { styleLink: link } : {}) });
    }
    for (const n of childrenNamed(root, 'w:num')) {
      const id = n.attrs['w:numId'];
      const abstractId = childVal(n, 'w:abstractNumId');
      if (id === undefined || abstractId === undefined) continue;
      const starts = new Map<number, number>();
      const levels = new Map<number, Level>();
      for (const o of childrenNamed(n, 'w:lvlOverride')) {
        const ilvl = integer(o.attrs['w:ilvl'], -1);
        if (ilvl < 0 || ilvl > 8) continue;
        const start = childVal(o, 'w:startOverride');
        if (start !== undefined) starts.set(ilvl, integer(start, 0));
        const lvl = child(o, 'w:lvl');
        if (lvl) levels.set(ilvl, readLevel(lvl));
      }
      this.instances.set(id, { abstractId, starts, levels });
    }
  }

  /** The abstract numbering of an instance, following a link to a numbering style (at most a few hops). */
  private abstractOf(instance: NumberingInstance): { id: string; def: AbstractNumbering } | undefined {
    let id = instance.abstractId;
    for (let hop = 0; hop < 4; hop++) {
      const def = this.abstracts.get(id);
      if (!def) return undefined;
      if (!def.styleLink) return { id, def };
      const numId = this.styles.numberingOfStyle(def.styleLink);
      const linked = numId !== undefined ? this.instances.get(numId) : undefined;
      if (!linked) return { id, def };
      id = linked.abstractId;
    }
    return undefined;
  }

  private level(instance: NumberingInstance, def: AbstractNumbering, ilvl: number): Level | undefined {
    const own = instance.levels.get(ilvl) ?? def.levels.get(ilvl);
    if (!own) return undefined;
    const start = instance.starts.get(ilvl);
    return start === undefined ? own : { ...own, start };
  }

  /** The level of a numbering that a paragraph style is linked to ("Heading1" → level 0). */
  levelOfStyle(numId: string, styleId: string | undefined): number | undefined {
    if (!styleId) return undefined;
    const instance = this.instances.get(numId);
    const found = instance ? this.abstractOf(instance) : undefined;
    if (!found) return undefined;
    for (const [ilvl, level] of found.def.levels) if (level.style === styleId) return ilvl;
    return undefined;
  }

  /** The marker of the next paragraph numbered with instance `numId` at level `ilvl`; undefined when there is none. */
  next(numId: string, ilvl: number): ListMarker | undefined {
    const instance = this.instances.get(numId);
    if (!instance) return undefined;
    const found = this.abstractOf(instance);
    if (!found) return undefined;
    const level = this.level(instance, found.def, ilvl);
    if (!level) return undefined;
    let counters = this.counters.get(found.id);
    if (!counters) {
      counters = [];
      this.counters.set(found.id, counters);
    }
    if (!this.started.has(numId)) {
      this.started.add(numId);
      // "Restart numbering": the overridden levels start again when this instance is first used.
      for (const l of instance.starts.keys()) counters[l] = undefined;
    }
    if (level.format === 'bullet') {
      this.restartBelow(counters, instance, found.def, ilvl);
      return { text: level.text, bullet: true, suffix: level.suffix };
    }
    const value = counters[ilvl] === undefined ? level.start : counters[ilvl]! + 1;
    counters[ilvl] = value;
    this.restartBelow(counters, instance, found.def, ilvl);
    const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      if (l > ilvl) return '';
      const shown = this.level(instance, found.def, l);
      if (!shown) return '';
      const n = counters![l] ?? shown.start;
      return formatNumber(n, level.legal && l < ilvl ? 'decimal' : shown.format);
    });
    return { text, bullet: false, suffix: level.suffix };
  }

  /** Using level `ilvl` restarts the deeper levels (Word: any deeper level whose lvlRestart is omitted or not deeper than it). */
  private restartBelow(counters: Array<number | undefined>, instance: NumberingInstance, def: AbstractNumbering, ilvl: number): void {
    for (let d = ilvl + 1; d < 9; d++) {
      const level = this.level(instance, def, d);
      const restart = level?.restart;
      if (restart === 0) continue;
      if (restart === undefined || ilvl < restart) counters[d] = undefined;
    }
  }
}
