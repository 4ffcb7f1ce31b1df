// The official layouts of the two variants: Hướng dẫn 36-HD/VPTW (Party documents) and Nghị định 30/2020/NĐ-CP (state documents).

import { VariantId } from '../data/types';

/** The lines printed at the top right: the Party's title, or the national name and motto. */
export const NATIONAL = {
  party: { title: 'ĐẢNG CỘNG SẢN VIỆT NAM' },
  state: { title: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc' },
} as const;

/** Sizes in points of each part of the first page and of the closing block. */
export interface LayoutSizes {
  /** ĐẢNG CỘNG SẢN VIỆT NAM / CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM. */
  national: number;
  motto: number;
  issuer: number;
  number: number;
  date: number;
  kind: number;
  subject: number;
  body: number;
  recipientsTitle: number;
  recipients: number;
  signature: number;
  footnote: number;
}

export interface OfficialLayout {
  /** A4, in millimetres. */
  page: { width: number; height: number };
  /** Margins in millimetres. */
  margins: { top: number; bottom: number; left: number; right: number };
  /** Distance of the page number from the top edge, millimetres. */
  pageNumberTop: number;
  font: string;
  sizes: LayoutSizes;
  /** Share of the text width given to the left column of the header and of the closing block. */
  headerLeft: number;
  closingLeft: number;
  /** First-line indent of body paragraphs, millimetres. */
  indent: number;
  /** Space after each body paragraph, points; line spacing as a multiple of single. */
  paragraphAfter: number;
  lineSpacing: number;
  /** Empty lines left for the signature and the seal. */
  signatureGap: number;
  /**
   * What is printed under the subject: five hyphens "-----" (Party), or a solid line a third to a
   * half as long as the subject's line (state).
   */
  subjectRule: 'dashes' | 'line';
  /** What is printed under the issuer: "*" (Party), or a solid line a third to a half as long (state). */
  issuerMark: 'star' | 'line';
}

/**
 * Height of a line at single spacing, as a multiple of the font size: what Word and LibreOffice
 * give Times New Roman and its metric twin Liberation Serif (ascent 0.891 + descent 0.216 +
 * line gap 0.042 of the em). The preview uses it so that its lines are as high as the printed ones.
 */
export const SINGLE_LINE_EM = 1.149;

/** Blanks left for the office to fill in by hand, in spaces: the number, and a day, month or year. */
export const BLANK_SPACES = { number: 8, date: 6 } as const;

/** The five hyphens printed under a Party document's subject (HD 36; seeds 000 and 002 print them). */
export const PARTY_SUBJECT_RULE = '-----';

/**
 * Both instruments ask for A4 paper and Times New Roman (Unicode, TCVN 6909:2001), margins of
 * 20–25 mm at the top and bottom, 30–35 mm on the left and 15–20 mm on the right; the smallest
 * values leave the most room for text; page numbers from the second page, centred in the top
 * margin. Sizes are those of the two instruments' tables: HD 36 (its Phụ lục 3) prints the
 * Party's title in bold 15 with a solid rule as long as the title, the issuer, number and date in
 * 14 with "*" under the issuer, the kind in bold 15–16, the subject in bold 14–15 with "-----"
 * under it, and the body in 14–15; NĐ 30 (its Phụ lục I) prints the national name in bold 12–13,
 * the motto in bold 13–14 with a rule as long, the issuer in bold 12–13 with a rule a third to a
 * half as long, the number in 13, the kind and subject in bold 13–14 with a rule a third to a half
 * of the subject's line under it, the body in 13–14 with a first-line indent of 1–1.27 cm, at
 * least 6 pt between paragraphs and single to 1.5 line spacing, "Nơi nhận:" in bold italic 12 and
 * its items in 11. Neither sets the size of footnotes; 12 keeps them readable beside a body of 14.
 */
export const OFFICIAL: Record<VariantId, OfficialLayout> = {
  party: {
    page: { width: 210, height: 297 },
    margins: { top: 20, bottom: 20, left: 30, right: 15 },
    pageNumberTop: 10,
    font: 'Times New Roman',
    sizes: {
      national: 15,
      motto: 15,
      issuer: 14,
      number: 14,
      date: 14,
      kind: 16,
      subject: 14,
      body: 14,
      recipientsTitle: 14,
      recipients: 12,
      signature: 14,
      footnote: 12,
    },
    headerLeft: 0.45,
    closingLeft: 0.5,
    indent: 12.7,
    paragraphAfter: 6,
    lineSpacing: 1.15,
    signatureGap: 4,
    subjectRule: 'dashes',
    issuerMark: 'star',
  },
  state: {
    page: { width: 210, height: 297 },
    margins: { top: 20, bottom: 20, left: 30, right: 15 },
    pageNumberTop: 10,
    font: 'Times New Roman',
    sizes: {
      national: 13,
      motto: 14,
      issuer: 13,
      number: 13,
      date: 14,
      kind: 14,
      subject: 14,
      body: 14,
      recipientsTitle: 12,
      recipients: 11,
      signature: 14,
      footnote: 12,
    },
    headerLeft: 0.4,
    closingLeft: 0.5,
    indent: 12.7,
    paragraphAfter: 6,
    lineSpacing: 1.15,
    signatureGap: 4,
    subjectRule: 'line',
    issuerMark: 'line',
  },
};
