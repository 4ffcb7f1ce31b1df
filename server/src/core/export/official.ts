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
}

export interface OfficialLayout {
  /** A4, in millimetres. */
  page: { width: number; height: number };
  /** Margins in millimetres. */
  margins: { top: number; bottom: number; left: number; right: number };
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
}

/**
 * Both instruments ask for A4 paper and Times New Roman (Unicode, TCVN 6909:2001), margins of
 * 20–25 mm at the top and bottom, 30–35 mm on the left and 15–20 mm on the right; the smallest
 * values leave the most room for text. Sizes are those of the two instruments' tables:
 * HD 36 prints the Party's title in bold 15, the issuer, number and date in 14, the kind in bold
 * 16 and the body in 14–15; NĐ 30 prints the national name in bold 13, the motto in bold 14, the
 * issuer in bold 13, the number in 13, the kind and subject in bold 14, the body in 13–14,
 * "Nơi nhận:" in bold italic 12 and its items in 11.
 */
export const OFFICIAL: Record<VariantId, OfficialLayout> = {
  party: {
    page: { width: 210, height: 297 },
    margins: { top: 20, bottom: 20, left: 30, right: 15 },
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
    },
    headerLeft: 0.45,
    closingLeft: 0.5,
    indent: 12.7,
    paragraphAfter: 6,
    lineSpacing: 1.15,
    signatureGap: 4,
  },
  state: {
    page: { width: 210, height: 297 },
    margins: { top: 20, bottom: 20, left: 30, right: 15 },
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
    },
    headerLeft: 0.4,
    closingLeft: 0.5,
    indent: 12.7,
    paragraphAfter: 6,
    lineSpacing: 1.15,
    signatureGap: 4,
  },
};
