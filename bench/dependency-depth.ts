/**
 * The deployment critical path: the longest chain of resources each of which
 * must wait for the one before it (dependsOn and output-to-input
 * dependencies), i.e. the number of sequential waves `pulumi up` needs.
 */

export interface DependencyNode {
    urn: string;
    /** URNs this resource waits for. */
    dependsOn: string[];
}

/** The length (in resources) of the longest dependency chain, and one such chain. */
export function longestChain(nodes: DependencyNode[]): { depth: number; chain: string[] } {
    const byUrn = new Map(nodes.map((node) => [node.urn, node]));
    const memo = new Map<string, string[]>();
    const visiting = new Set<string>();
    const chainTo = (urn: string): string[] => {
        const known = memo.get(urn);
        if (known !== undefined) return known;
        if (visiting.has(urn)) throw new Error(`dependency cycle through ${urn}`);
        visiting.add(urn);
        let longest: string[] = [];
        for (const dependency of byUrn.get(urn)?.dependsOn ?? []) {
            if (!byUrn.has(dependency)) continue;
            const chain = chainTo(dependency);
            if (chain.length > longest.length) longest = chain;
        }
        visiting.delete(urn);
        const chain = [...longest, urn];
        memo.set(urn, chain);
        return chain;
    };
    let best: string[] = [];
    for (const node of nodes) {
        const chain = chainTo(node.urn);
        if (chain.length > best.length) best = chain;
    }
    return { depth: best.length, chain: best };
}
