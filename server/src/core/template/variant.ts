// Tells which template variant a plan follows: the one it declares, or the one its metadata implies, by the template's own data.

import { Template, VariantId, VariantSpec } from '../data/types';
import { compilePattern, testPattern } from '../data/pattern';
import { PlanModel } from '../model';
import { fold } from '../text/normalize';

export interface VariantDecision {
  id: VariantId | undefined;
  /** 'declared' (front matter), 'inferred' (number, issuer or signature), or 'unknown'. */
  source: 'declared' | 'inferred' | 'unknown';
}

export function decideVariant(plan: PlanModel, template: Template): VariantDecision {
  const declared = plan.meta.variant?.value.trim().toLowerCase();
  if (declared === 'party' || declared === 'state') return { id: declared, source: 'declared' };
  const inferred = inferVariant(plan, template);
  return inferred ? { id: inferred, source: 'inferred' } : { id: undefined, source: 'unknown' };
}

/** The template's pattern through the guard against slow patterns (data/pattern.ts). */
function compile(pattern: string): RegExp | undefined {
  return compilePattern(pattern);
}

/** The variant that alone accepts the value, if exactly one does. */
function only(variants: VariantSpec[], accepts: (v: VariantSpec) => boolean): VariantId | undefined {
  const hits = variants.filter(accepts);
  return hits.length === 1 ? hits[0].id : undefined;
}

/**
 * Evidence in order of strength: the number's shape (it encodes the issuer), the issuing body,
 * then the signature's authority prefix. Each piece of evidence counts only when it fits
 * exactly one variant of the template.
 */
function inferVariant(plan: PlanModel, template: Template): VariantId | undefined {
  const variants = Object.values(template.variants);
  const number = plan.meta.number?.value.trim() ?? '';
  if (number) {
    const byNumber = only(variants, (v) => testPattern(compile(v.numberPattern), number));
    if (byNumber) return byNumber;
  }
  const issuer = fold(plan.meta.issuer?.value ?? '');
  if (issuer) {
    const byIssuer = only(variants, (v) => v.issuerCues.some((cue) => issuer.includes(fold(cue))));
    if (byIssuer) return byIssuer;
  }
  const authority = (plan.meta.signer?.authority?.value ?? '').trim().toUpperCase();
  if (authority) {
    const bySignature = only(variants, (v) => v.signature.authorityPrefixes.some((p) => authority.startsWith(p.toUpperCase())));
    if (bySignature) return bySignature;
  }
  return undefined;
}
