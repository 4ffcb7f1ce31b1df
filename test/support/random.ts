// Seeded pseudo-random numbers (mulberry32), so that fuzz runs and benchmark inputs are the same on every run.

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` texts, each of up to `maxPieces - 1` of `pieces` drawn at random, a piece now and then
 * decomposed (NFD) or put in upper case: the input of the fold tests, whose pieces say what each
 * one exercises.
 */
export function randomPieceTexts(pieces: readonly string[], seed: number, count: number, maxPieces: number): string[] {
  const random = seededRandom(seed);
  const texts: string[] = [];
  for (let n = 0; n < count; n++) {
    let text = '';
    for (let k = Math.floor(random() * maxPieces); k > 0; k--) {
      let piece = pieces[Math.floor(random() * pieces.length)];
      if (random() < 0.08) piece = piece.normalize('NFD');
      if (random() < 0.08) piece = piece.toUpperCase();
      text += piece;
    }
    texts.push(text);
  }
  return texts;
}
