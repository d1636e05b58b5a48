/** "Did you mean": the nearest name to a misspelt one. Pure. */
import { distance } from "fastest-levenshtein";

/**
 * The candidate nearest to `word` (Levenshtein distance, from fastest-levenshtein)
 * within max(2, a quarter of the word's length) edits, a difference of case only
 * counting as none and a shortened name (`tlsSecret` for `tlsSecretName`, at
 * least 4 characters) as within reach; on a tie the earlier candidate.
 * Undefined when none is that near.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
    const limit = Math.max(2, Math.floor(word.length / 4));
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (const candidate of candidates) {
        const shortened = word.length >= 4 && (candidate.startsWith(word) || word.startsWith(candidate));
        const edits = candidate.toLowerCase() === word.toLowerCase() ? 0 : Math.min(distance(word, candidate), shortened ? limit : Infinity);
        if (edits < bestDistance) {
            best = candidate;
            bestDistance = edits;
        }
    }
    return best;
}
