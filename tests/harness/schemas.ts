// Validates Kubernetes objects against the compiled JSON-schema validators of the npm packages
// `kubernetes-models` (built-in kinds), `@kubernetes-models/flink` (Flink operator CRDs: FlinkDeployment,
// FlinkSessionJob, FlinkBlueGreenDeployment, FlinkStateSnapshot),
// `@kubernetes-models/prometheus-operator` (PodMonitor, PrometheusRule, …) and
// `@kubernetes-models/cilium` (CiliumNetworkPolicy, …), `@kubernetes-models/gateway-api` (HTTPRoute, …), and
// additionally reports unknown fields, as an API server with strict field validation would.
import type { RegisteredResource } from "./mocks";

export interface SchemaProblem {
    /** JSON pointer into the object, "" for the object itself. */
    path: string;
    message: string;
}

/** An ajv error object as produced by the compiled validators. */
interface AjvError {
    instancePath: string;
    keyword: string;
    params: Record<string, any>;
    message?: string;
}

type Validator = (data: object) => AjvError[];

/** Packages with models for API groups that `kubernetes-models` does not cover. */
const groupPackages: Record<string, string> = {
    "flink.apache.org": "@kubernetes-models/flink",
    "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
    "cilium.io": "@kubernetes-models/cilium",
    "gateway.networking.k8s.io": "@kubernetes-models/gateway-api",
};

const validators = new Map<string, Promise<Validator | undefined>>();

function loadValidator(apiVersion: string, kind: string): Promise<Validator | undefined> {
    const key = `${apiVersion} ${kind}`;
    let validator = validators.get(key);
    if (!validator) {
        validator = importValidator(apiVersion, kind);
        validators.set(key, validator);
    }
    return validator;
}

async function importValidator(apiVersion: string, kind: string): Promise<Validator | undefined> {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
    // Only well-formed names go into a module specifier.
    if (!/^[a-z0-9.-]*$/.test(group) || !/^v[a-z0-9]+$/.test(version) || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) {
        return undefined;
    }
    // Model modules: kubernetes-models/<group>/<version>/<Kind>, core group as kubernetes-models/v1/<Kind>.
    const pkg = groupPackages[group] ?? "kubernetes-models";
    const specifier = [pkg, group, version, kind].filter(Boolean).join("/");
    let module: Record<string, any>;
    try {
        // The packages are ESM only. With "module": "node16" TypeScript leaves this import() as is in
        // the CommonJS output (ts-node transpile-only included), so Node loads them natively.
        module = await import(specifier);
    } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === "ERR_MODULE_NOT_FOUND" || code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return undefined;
        throw err;
    }
    // A module can exist for a type that is not a top-level kind (e.g. v1/Container).
    const model = module[kind];
    if (model?.apiVersion !== apiVersion || model?.kind !== kind) return undefined;
    // The model's prototype.validate runs the raw compiled validate function on `this` (no copy),
    // throwing an ajv ValidationError whose `errors` are the validator's error objects.
    return (data) => {
        try {
            model.prototype.validate.call(data);
            return [];
        } catch (err) {
            const errors = (err as { errors?: AjvError[] }).errors;
            if (!Array.isArray(errors)) throw err;
            return errors;
        }
    };
}

function describe(error: AjvError): string {
    const { keyword, params } = error;
    switch (keyword) {
        case "type":
            return `must be ${params.type}`;
        case "enum":
            return `must be one of ${params.allowedValues.map((v: unknown) => JSON.stringify(v)).join(", ")}`;
        case "required":
            return `missing required property "${params.missingProperty}"`;
        default:
            return error.message ?? `${keyword} ${JSON.stringify(params)}`;
    }
}

/** What the validator did with one object node (or array) of the validated data. */
interface Access {
    /** Property names it read (get, has, or getOwnPropertyDescriptor of that name). */
    read: Set<string>;
    /** Whether it listed the keys (ownKeys), i.e. validated the node as a map such as labels. */
    enumerated: boolean;
}

function isObject(value: unknown): value is object {
    return value !== null && typeof value === "object";
}

/** Wraps `root` in a Proxy that records, per node, how the validator accessed it; children are wrapped lazily. */
function track(root: object): { proxy: object; accesses: WeakMap<object, Access> } {
    const accesses = new WeakMap<object, Access>();
    const proxies = new WeakMap<object, object>();
    const wrap = (node: object): object => {
        let proxy = proxies.get(node);
        if (proxy) return proxy;
        const access: Access = { read: new Set(), enumerated: false };
        accesses.set(node, access);
        proxy = new Proxy(node, {
            get(target, key) {
                if (typeof key === "string") access.read.add(key);
                const value = Reflect.get(target, key);
                return isObject(value) ? wrap(value) : value;
            },
            has(target, key) {
                if (typeof key === "string") access.read.add(key);
                return Reflect.has(target, key);
            },
            // A for-in loop calls this for every key after ownKeys; on its own it checks one property.
            getOwnPropertyDescriptor(target, key) {
                if (typeof key === "string") access.read.add(key);
                return Reflect.getOwnPropertyDescriptor(target, key);
            },
            ownKeys(target) {
                access.enumerated = true;
                return Reflect.ownKeys(target);
            },
        });
        proxies.set(node, proxy);
        return proxy;
    };
    return { proxy: wrap(root), accesses };
}

// Fields of apiextensions JSONSchemaProps (CRD schemas) that the compiled validators do not check: the
// generator dropped these "x-" properties from the schemas like OpenAPI vendor extensions, so the
// validator never reads them although they are real API fields.
const unreadKnownFields = new Set([
    "x-kubernetes-embedded-resource",
    "x-kubernetes-int-or-string",
    "x-kubernetes-list-map-keys",
    "x-kubernetes-list-type",
    "x-kubernetes-map-type",
    "x-kubernetes-preserve-unknown-fields",
    "x-kubernetes-validations",
]);

function pointer(path: string, key: string | number): string {
    return `${path}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

/**
 * Reports keys the validator never read in nodes it validated as typed objects. A node it never
 * reached, or reached but neither read nor enumerated (free-form, e.g. preserve-unknown-fields),
 * is not checked, nor is anything below it. A map (enumerated) is not checked but its values are.
 */
function findUnknownFields(node: object, path: string, accesses: WeakMap<object, Access>, problems: SchemaProblem[]) {
    const access = accesses.get(node);
    if (!access) return;
    const typed = !Array.isArray(node) && !access.enumerated && access.read.size > 0;
    for (const [key, child] of Object.entries(node)) {
        if (typed && !access.read.has(key) && !unreadKnownFields.has(key)) {
            problems.push({ path: pointer(path, key), message: "unknown field" });
        } else if (isObject(child)) {
            findUnknownFields(child, pointer(path, key), accesses, problems);
        }
    }
}

/** Validates a Kubernetes object; [] means valid. */
export async function validateObject(obj: { apiVersion: string; kind: string; [k: string]: unknown }): Promise<SchemaProblem[]> {
    const validate = await loadValidator(obj.apiVersion, obj.kind);
    if (!validate) return [{ path: "", message: `no schema for ${obj.apiVersion} ${obj.kind}` }];
    const copy = structuredClone(obj);
    const { proxy, accesses } = track(copy);
    const problems = validate(proxy).map((e) => ({ path: e.instancePath, message: describe(e) }));
    findUnknownFields(copy, "", accesses, problems);
    return problems;
}

/**
 * Validates the inputs of every registered Kubernetes object (type "kubernetes:..." with apiVersion
 * and kind inputs), except Helm charts/releases and YAML groups. Returns one message per problem:
 * "<type> <name>: <path>: <message>". For `...Patch` resources (partial objects applied with
 * server-side apply) missing required properties are not problems.
 */
export async function validateRegistered(resources: RegisteredResource[]): Promise<string[]> {
    const messages: string[] = [];
    for (const r of resources) {
        const { apiVersion, kind } = r.inputs;
        if (
            !r.type.startsWith("kubernetes:") ||
            r.type.startsWith("kubernetes:helm.sh/") ||
            r.type.startsWith("kubernetes:yaml") ||
            typeof apiVersion !== "string" ||
            typeof kind !== "string"
        ) {
            continue;
        }
        let problems = await validateObject(r.inputs as { apiVersion: string; kind: string });
        if (r.type.endsWith("Patch")) problems = problems.filter((p) => !p.message.startsWith("missing required property"));
        for (const p of problems) messages.push(`${r.type} ${r.name}: ${p.path || "/"}: ${p.message}`);
    }
    return messages;
}
