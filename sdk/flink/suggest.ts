/** "Did you mean": the nearest name to a misspelt one. Pure. */
import { distance } from "fastest-levenshtein";

/**
 * The candidate nearest to `word` (Levenshtein distance, from fastest-levenshtein)
 * within max(2, a quarter of the word's length) edits, a difference of case only
 * counting as none; on a tie the earlier candidate. Undefined when none is that near.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
    for (const candidate of candidates) {
        const edits = candidate.toLowerCase() === word.toLowerCase() ? 0 : distance(word, candidate);
        if (edits < bestDistance) {
            best = candidate;
            bestDistance = edits;
        }
    }
    return best;
}
