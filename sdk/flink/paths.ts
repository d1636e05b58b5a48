/** Finding directories that are the same as, or inside, one another. Pure. */

export interface PathOverlap<T> {
    /** The entry seen first (in sort order: the enclosing one when nested). */
    outer: T;
    /** The entry that equals or lies inside `outer`. */
    inner: T;
    same: boolean;
}

/**
 * Every pair of entries whose paths are equal, or where one lies inside the
 * other ("a/b" inside "a", not "a-b"), in O(n log n + pairs found): sorted with
 * a trailing "/", an ancestor comes right before its subtree, so a stack of the
 * current ancestors finds each nesting without comparing every pair.
 */
export function overlappingPaths<T>(entries: { path: string; entry: T }[]): PathOverlap<T>[] {
    const sorted = entries
        .map(({ path, entry }) => ({ key: `${path.replace(/\/+$/, "")}/`, entry }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const overlaps: PathOverlap<T>[] = [];
    const ancestors: { key: string; entry: T }[] = [];
    for (const current of sorted) {
        while (ancestors.length > 0 && !current.key.startsWith(ancestors[ancestors.length - 1].key)) {
            ancestors.pop();
        }
        // Every path left on the stack encloses (or equals) the current one.
        for (const ancestor of ancestors) {
            overlaps.push({ outer: ancestor.entry, inner: current.entry, same: ancestor.key === current.key });
        }
        ancestors.push(current);
    }
    return overlaps;
}
