/**
 * URNs are a contract: a stack deployed with a released version of this package must upgrade to the
 * current code without the engine deleting (and creating anew) anything it holds. The engine keeps a
 * resource when the program registers the resource's old URN again, or a new URN whose `aliases`
 * option leads to the old one; every other old URN is deleted.
 *
 * `tests/fixtures/urns-<version>.json` holds, per stack case label of tests/stack-cases.ts, the sorted
 * URNs that stack or example registered with that released version, as the engine forms them (the
 * type chain of all ancestors, see `engineUrn` in tests/harness/mocks.ts). For every fixture file and
 * every label in it, this test runs the case with the current code and fails, listing them, for each
 * old URN that is neither registered now nor taken over through an alias, resolved the way the
 * engine's step generator does it (pkg/resource/deploy/step_generator.go: generateAliases,
 * collapseAliasToUrn, inheritedChildAlias): alias specs default to the resource's own name, type,
 * stack, project and parent; a child inherits the alias its parent was matched by. It also fails when
 * two resources claim one old URN, as the engine would.
 *
 * New stacks, cases and resources beyond a fixture are fine. A case label that a fixture names must
 * stay in tests/stack-cases.ts (users' stacks of that shape still exist).
 *
 * Extending the fixture: when a version is released, add `tests/fixtures/urns-<new version>.json`,
 * recorded from the released code the same way (run each case of `stacks`, take each resource's
 * `engineUrn`, sort; one key per case label). Never edit or delete an existing file: stacks deployed
 * with that version are still out there and must upgrade too.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createEngineUrn, qualifiedTypeOf, RegisteredResource, ResourceAlias, runProgram } from "./harness/mocks";
import { stacks } from "./stack-cases";

const nameOf = (urn: string) => urn.split("::").slice(3).join("::");
const typeOf = (urn: string) => qualifiedTypeOf(urn).split("$").pop() as string;
const stackAndProjectOf = (urn: string) => {
    const [head, project] = urn.split("::");
    return { stack: head.slice("urn:pulumi:".length), project };
};

/**
 * What would go wrong if the engine updated a stack whose state holds `oldUrns` with a program that
 * registers `resources` (from runProgram/runStack): each old URN it would delete, and each old URN
 * two resources claim. Empty when every old URN is kept.
 */
export function urnProblems(oldUrns: readonly string[], resources: RegisteredResource[]): string[] {
    const engineUrn = (r: RegisteredResource) => {
        if (r.engineUrn === undefined) throw new Error(`harness: ${r.urn} has no engineUrn (not recorded by runProgram/runStack)`);
        return r.engineUrn;
    };
    const olds = new Set(oldUrns);
    const byMockUrn = new Map(resources.map((r) => [r.urn, r]));
    const registeredNow = new Set(resources.map(engineUrn));
    /** Old URN → the URN now registered that keeps it. */
    const keptBy = new Map<string, string>();
    /** URN now registered → the old URN it took over through an alias (the engine's `sg.aliases`). */
    const aliasedFrom = new Map<string, string>();
    const problems: string[] = [];

    // The old URN an alias stands for once the parent it names may itself have been aliased.
    const collapse = (alias: ResourceAlias): string => {
        if (alias.spec === undefined) return alias.urn;
        const { name, type, parent, project, stack } = alias.spec;
        return createEngineUrn(name, type, parent === undefined ? undefined : aliasedFrom.get(parent) ?? parent, project, stack);
    };
    const candidatesOf = (r: RegisteredResource, urn: string): string[] => {
        const aliases = (r.aliases ?? []).map(collapse);
        const parent = r.parent === undefined ? undefined : byMockUrn.get(r.parent)?.engineUrn ?? r.parent;
        const parentAlias = parent === undefined ? undefined : aliasedFrom.get(parent);
        if (parent !== undefined && parentAlias !== undefined) {
            // A child follows its parent's old URN; a name prefixed with the parent's name follows its old name.
            const { stack, project } = stackAndProjectOf(urn);
            const inherited = (type: string, name: string) => {
                const parentName = nameOf(parent);
                const aliasName = name.startsWith(parentName) ? nameOf(parentAlias) + name.slice(parentName.length) : name;
                return createEngineUrn(aliasName, type, parentAlias, project, stack);
            };
            aliases.push(inherited(r.type, r.name), ...aliases.map((a) => inherited(typeOf(a), nameOf(a))));
        }
        return [urn, ...new Set(aliases)];
    };

    // Parents register before their children; an ancestor has fewer types in its qualified type.
    const depth = (r: RegisteredResource) => qualifiedTypeOf(engineUrn(r)).split("$").length;
    for (const r of [...resources].sort((a, b) => depth(a) - depth(b))) {
        const urn = engineUrn(r);
        // The engine looks the URN up first, then each alias in turn; the first old URN found is kept.
        const matched = candidatesOf(r, urn).find((candidate) => olds.has(candidate));
        if (matched === undefined) continue;
        if (matched !== urn) {
            if (registeredNow.has(matched)) {
                problems.push(`${urn} claims ${matched} through an alias, but another resource registers that URN`);
            } else if (keptBy.has(matched)) {
                problems.push(`${urn} and ${keptBy.get(matched)} both claim ${matched} through aliases`);
            }
            aliasedFrom.set(urn, matched);
        }
        if (!keptBy.has(matched)) keptBy.set(matched, urn);
    }
    for (const old of oldUrns) {
        if (!keptBy.has(old)) problems.push(`${old} is neither registered nor aliased: the engine would delete it`);
    }
    return problems;
}

const fixtureDir = path.join(__dirname, "fixtures");
const fixtures = fs.readdirSync(fixtureDir)
    .filter((file) => /^urns-.+\.json$/.test(file))
    .sort()
    .map((file) => ({ file, urns: JSON.parse(fs.readFileSync(path.join(fixtureDir, file), "utf8")) as Record<string, string[]> }));

/**
 * Resources a release removes on purpose: `pulumi up` deletes them, and that is the change. Each names
 * the old URNs it covers and why; only objects whose deletion loses nothing belong here (never a
 * FlinkDeployment, a namespace or a state claim).
 */
const removedOnPurpose: { urns: RegExp; why: string }[] = [{
    urns: /\$kubernetes:networking\.k8s\.io\/v1:NetworkPolicy::[^:]+-allow-flink-internal$/,
    why: "0.2.0: the namespace-wide NetworkPolicy that let every cluster's pods reach every other cluster's is replaced by one per cluster (flink-cluster-<name>-network)",
}];
const kept = (urns: string[]) => urns.filter((urn) => !removedOnPurpose.some(({ urns: pattern }) => pattern.test(urn)));

describe("URNs are a contract: stacks of released versions upgrade without losing a resource", () => {
    it("removes on purpose only what some fixture holds", () => {
        const all = fixtures.flatMap((f) => Object.values(f.urns).flat());
        assert.deepEqual(removedOnPurpose.filter(({ urns }) => !all.some((urn) => urns.test(urn))).map(({ why }) => why), []);
    });

    it("has a URN fixture per released version, each naming only stack cases that exist", () => {
        assert.ok(fixtures.some((f) => f.file === "urns-0.1.0.json"), "tests/fixtures/urns-0.1.0.json");
        const labels = new Set(stacks.map((s) => s.label));
        const missing = fixtures.flatMap((f) => Object.keys(f.urns).filter((label) => !labels.has(label)).map((label) => `${f.file}: "${label}"`));
        assert.deepEqual(missing, [], "every case a fixture names must stay in tests/stack-cases.ts under its label");
    });

    const labels = [...new Set(fixtures.flatMap((f) => Object.keys(f.urns)))];
    for (const label of labels) {
        const stackCase = stacks.find((s) => s.label === label);
        it(`${label}: keeps every URN it had in ${fixtures.filter((f) => label in f.urns).map((f) => f.file).join(", ")}`, async function () {
            if (stackCase === undefined) this.skip(); // reported by the test above
            const { resources } = await stackCase!.run();
            const problems = fixtures
                .filter((f) => label in f.urns)
                .flatMap((f) => urnProblems(kept(f.urns[label]), resources).map((problem) => `${f.file}: ${problem}`));
            assert.deepEqual(problems, []);
        });
    }
});

describe("URN check: aliases resolved as the engine does", () => {
    const app = (type = "test:index:App", name = "app", opts?: pulumi.ComponentResourceOptions) =>
        new pulumi.ComponentResource(type, name, {}, opts);
    const urn = (qualifiedType: string, name: string) => `urn:pulumi:dev::flink-platform::${qualifiedType}::${name}`;

    /** The released program: a component with two children, a top-level ConfigMap, a second component with a Secret. */
    const released = () => {
        const a = app();
        new k8s.core.v1.Namespace("app-ns", {}, { parent: a });
        new k8s.core.v1.ConfigMap("moved", {}, { parent: a });
        new k8s.core.v1.ConfigMap("settings", {});
        const other = app("test:index:Other", "other");
        new k8s.core.v1.Secret("creds", {}, { parent: other });
    };
    let oldUrns: string[];
    const problemsOf = async (program: () => void) => urnProblems(oldUrns, (await runProgram(program)).resources);

    before(async () => {
        oldUrns = (await runProgram(released)).resources.map((r) => r.engineUrn as string).sort();
    });

    it("forms engine URNs from the whole chain of parent types", () => {
        assert.deepEqual(oldUrns, [
            urn("kubernetes:core/v1:ConfigMap", "settings"),
            urn("test:index:App$kubernetes:core/v1:ConfigMap", "moved"),
            urn("test:index:App$kubernetes:core/v1:Namespace", "app-ns"),
            urn("test:index:App", "app"),
            urn("test:index:Other$kubernetes:core/v1:Secret", "creds"),
            urn("test:index:Other", "other"),
        ]);
    });

    it("passes the unchanged program", async () => {
        assert.deepEqual(await problemsOf(released), []);
    });

    it("a renamed resource: kept with aliases [{ name: old }], lost without", async () => {
        const renamed = (aliases?: pulumi.Input<pulumi.Alias | string>[]) => () => {
            const a = app();
            new k8s.core.v1.Namespace("app-ns", {}, { parent: a });
            new k8s.core.v1.ConfigMap("moved", {}, { parent: a });
            new k8s.core.v1.ConfigMap("config", {}, { aliases });
            new k8s.core.v1.Secret("creds", {}, { parent: app("test:index:Other", "other") });
        };
        const { resources } = await runProgram(renamed([{ name: "settings" }]));
        const config = resources.find((r) => r.name === "config");
        assert.deepEqual(config?.aliases, [{
            urn: urn("kubernetes:core/v1:ConfigMap", "settings"),
            spec: { name: "settings", type: "kubernetes:core/v1:ConfigMap", stack: "dev", project: "flink-platform", parent: undefined },
        }]);
        assert.deepEqual(urnProblems(oldUrns, resources), []);
        assert.deepEqual(await problemsOf(renamed()), [
            `${urn("kubernetes:core/v1:ConfigMap", "settings")} is neither registered nor aliased: the engine would delete it`,
        ]);
        assert.deepEqual(await problemsOf(renamed([{ name: "setings" }])), [
            `${urn("kubernetes:core/v1:ConfigMap", "settings")} is neither registered nor aliased: the engine would delete it`,
        ]);
        // A URN alias, written in full as the engine forms it.
        assert.deepEqual(await problemsOf(renamed([urn("kubernetes:core/v1:ConfigMap", "settings")])), []);
    });

    it("a re-parented resource: kept with aliases [{ parent: oldParent }] or [{ parent: undefined }] (no parent), lost without", async () => {
        const reparented = (movedAliases?: (oldParent: pulumi.Resource) => pulumi.Alias[], settingsAliases?: pulumi.Alias[]) => () => {
            const a = app();
            new k8s.core.v1.Namespace("app-ns", {}, { parent: a });
            const other = app("test:index:Other", "other");
            new k8s.core.v1.Secret("creds", {}, { parent: other });
            // From the App to the Other component, and from the top level into the App.
            new k8s.core.v1.ConfigMap("moved", {}, { parent: other, aliases: movedAliases?.(a) });
            new k8s.core.v1.ConfigMap("settings", {}, { parent: a, aliases: settingsAliases });
        };
        const { resources } = await runProgram(reparented((oldParent) => [{ parent: oldParent }], [{ parent: undefined }]));
        assert.deepEqual(resources.find((r) => r.name === "moved")?.aliases?.map((a) => a.urn), [urn("test:index:App$kubernetes:core/v1:ConfigMap", "moved")]);
        assert.deepEqual(resources.find((r) => r.name === "settings")?.aliases?.map((a) => a.urn), [urn("kubernetes:core/v1:ConfigMap", "settings")]);
        assert.deepEqual(urnProblems(oldUrns, resources), []);
        assert.deepEqual(await problemsOf(reparented()), [
            `${urn("kubernetes:core/v1:ConfigMap", "settings")} is neither registered nor aliased: the engine would delete it`,
            `${urn("test:index:App$kubernetes:core/v1:ConfigMap", "moved")} is neither registered nor aliased: the engine would delete it`,
        ]);
        // An alias that names only a new name keeps the current parent: not the old URN.
        assert.equal((await problemsOf(reparented(undefined, [{ name: "settings" }]))).length, 2);
    });

    it("children follow their component's alias (type or name changed), names prefixed with the component's name included", async () => {
        const renamedComponent = (type: string, name: string, aliases?: pulumi.Alias[]) => () => {
            const a = app(type, name, { aliases });
            new k8s.core.v1.Namespace(`${name}-ns`, {}, { parent: a });
            new k8s.core.v1.ConfigMap("moved", {}, { parent: a });
            new k8s.core.v1.ConfigMap("settings", {});
            new k8s.core.v1.Secret("creds", {}, { parent: app("test:index:Other", "other") });
        };
        assert.deepEqual(await problemsOf(renamedComponent("test:index:Application", "app", [{ type: "test:index:App" }])), []);
        assert.deepEqual(await problemsOf(renamedComponent("test:index:App", "main", [{ name: "app" }])), []);
        assert.deepEqual(await problemsOf(renamedComponent("test:index:Application", "app")), [
            `${urn("test:index:App$kubernetes:core/v1:ConfigMap", "moved")} is neither registered nor aliased: the engine would delete it`,
            `${urn("test:index:App$kubernetes:core/v1:Namespace", "app-ns")} is neither registered nor aliased: the engine would delete it`,
            `${urn("test:index:App", "app")} is neither registered nor aliased: the engine would delete it`,
        ]);
    });

    it("reports an old URN claimed by an alias while registered as it is, and refuses two resources naming one alias", async () => {
        assert.deepEqual(await problemsOf(() => {
            released();
            new k8s.core.v1.ConfigMap("copy", {}, { aliases: [{ name: "settings" }] });
        }), [
            `${urn("kubernetes:core/v1:ConfigMap", "copy")} claims ${urn("kubernetes:core/v1:ConfigMap", "settings")} through an alias, but another resource registers that URN`,
        ]);
        // Two resources naming one alias: the engine refuses the program before it compares URNs, and so does the harness.
        await assert.rejects(problemsOf(() => {
            released();
            new k8s.core.v1.ConfigMap("one", {}, { aliases: [{ name: "moved" }] });
            new k8s.core.v1.ConfigMap("two", {}, { aliases: [{ name: "moved" }] });
        }), { message: `Duplicate resource alias '${urn("kubernetes:core/v1:ConfigMap", "moved")}' applied to resource with URN ` +
            `'${urn("kubernetes:core/v1:ConfigMap", "two")}' conflicting with resource with URN '${urn("kubernetes:core/v1:ConfigMap", "one")}'` });
    });
});
