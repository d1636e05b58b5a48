/**
 * Validates storage args and derives, per cluster, the state directories and
 * how pods reach them: the filesystem plugin, credentials from workload
 * identity or a Secret (env vars or files, never flinkConfiguration), and the
 * state PVC. Pure.
 */
import { RunError } from "@pulumi/pulumi";
import type { types } from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { Environment } from "./environment";
import { requireQuantity } from "./quantity";
import type { StorageArgs, StorageCredentialsArgs } from "./args/storage";
import { PvcAccessMode, StorageBackend } from "./args/storage";
import { checkInput, combine, ConfigInput, text } from "./inputs";
import { invalid, requireDnsLabel, requireEnum } from "./validation";

export const statePvcName = "flink-state";
export const statePvcMountPath = "/flink-state";
export const credentialsSecretName = "flink-storage-credentials";
const gcsKeyMountPath = "/var/run/secrets/flink-storage";
/** Where the Azure Workload Identity webhook projects the pod's token. */
const azureTokenFile = "/var/run/secrets/azure/tokens/azure-identity-token";

/** The filesystem plugin each object store needs (in the image's /opt/flink/opt). */
const pluginJars: Partial<Record<StorageBackend, string>> = {
    [StorageBackend.S3]: "flink-s3-fs-presto",
    [StorageBackend.Gcs]: "flink-gs-fs-hadoop",
    [StorageBackend.Azure]: "flink-azure-fs-hadoop",
};

/** Keys a credentials Secret holds per backend (env var names, or the file name for GCS). */
export const secretKeys: Partial<Record<StorageBackend, string[]>> = {
    [StorageBackend.S3]: ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
    [StorageBackend.Gcs]: ["credentials.json"],
    [StorageBackend.Azure]: ["AZURE_STORAGE_KEY"],
};

export type CredentialsMode = "workload-identity" | "secret" | "none";

export interface StoragePlan {
    backend: StorageBackend;
    /** URI under which `<namespace>/<cluster>/{ha,checkpoints,savepoints}` go (an Output when the bucket, account or container is one). */
    base: pulumi.Input<string>;
    credentials: CredentialsMode;
    /** The Secret pods read credentials from (created by FlinkStorage unless it existed). */
    secretName?: pulumi.Input<string>;
    /** Whether FlinkStorage creates the Secret from Pulumi secrets. */
    createSecret: boolean;
    /** The state claim, with backend pvc. */
    pvc?: { storageClass?: string; size: string; accessMode: PvcAccessMode };
    /** Settings that are not credentials: S3 endpoint, region; Azure account. */
    s3?: { region?: string; endpoint?: string; pathStyleAccess: boolean };
    azure?: { account: pulumi.Input<string>; clientId?: pulumi.Input<string>; tenantId?: pulumi.Input<string> };
    /** Warnings to show at preview (ReadWriteOnce on a single node). */
    warnings: string[];
    /** The Kubernetes cluster has one node (pvc.singleNode): standby JobManagers cannot be spread. */
    singleNode: boolean;
    /**
     * The args with each Input replaced by its checked value: what the platform hands on to its
     * clusters and FlinkStorage, so that an invalid Output fails once, with this check's message.
     */
    checkedArgs: StorageArgs;
}

function requireS3Bucket(field: string, bucket: unknown): string {
    const ok = typeof bucket === "string" && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) && !/\.\.|\.-|-\./.test(bucket)
        && !/^\d+\.\d+\.\d+\.\d+$/.test(bucket) && !/^xn--|^sthree-|-s3alias$|--ol-s3$/.test(bucket);
    if (!ok) {
        invalid(field, bucket, "an S3 bucket name: 3-63 lowercase letters, digits, '.' or '-', starting and ending with a letter or digit, not an IP address");
    }
    return bucket as string;
}

function requireGcsBucket(field: string, bucket: unknown): string {
    const ok = typeof bucket === "string" && /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/.test(bucket) && !/^goog/.test(bucket) && !/g(o|0)(o|0)gle/.test(bucket)
        && !/^\d+\.\d+\.\d+\.\d+$/.test(bucket);
    if (!ok) {
        invalid(field, bucket, "a GCS bucket name: 3-63 lowercase letters, digits, '-', '_' or '.', starting and ending with a letter or digit, not starting with \"goog\"");
    }
    return bucket as string;
}

function requirePrefix(field: string, prefix: unknown): string {
    if (typeof prefix !== "string" || !/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(prefix)) {
        invalid(field, prefix, 'a path prefix of letters, digits, ".", "_" or "-" segments separated by "/", such as "flink" or "platform/flink"');
    }
    return prefix as string;
}

function resolveCredentials(at: (f: string) => string, backend: StorageBackend, environment: Environment, credentials: StorageCredentialsArgs = {}) {
    if (backend === StorageBackend.Pvc) {
        return { mode: "none" as CredentialsMode, createSecret: false };
    }
    const identity = credentials.workloadIdentity ?? {};
    const needed = { [StorageBackend.S3]: "awsRoleArn", [StorageBackend.Gcs]: "gcpServiceAccount", [StorageBackend.Azure]: "azureClientId" } as const;
    const given = Object.entries(needed).filter(([, key]) => identity[key] !== undefined);
    const staticKeys = (["accessKeyId", "secretAccessKey", "serviceAccountKey", "accountKey"] as const).filter((key) => credentials[key] !== undefined);
    const usesWorkloadIdentity = given.length > 0;
    const usesSecret = staticKeys.length > 0 || credentials.existingSecretName !== undefined;
    if (usesWorkloadIdentity && usesSecret) {
        throw new RunError(`${at("credentials")}: both workload identity (${given.map(([, key]) => key).join(", ")}) and static credentials ` +
            `(${[...staticKeys, ...(credentials.existingSecretName === undefined ? [] : ["existingSecretName"])].join(", ")}) are given; use one: workload identity is preferred`);
    }
    if (usesWorkloadIdentity && identity[needed[backend as keyof typeof needed]] === undefined) {
        throw new RunError(`${at("credentials.workloadIdentity")}: ${given.map(([, key]) => key).join(", ")} is the workload identity of another cloud; ` +
            `backend ${backend} needs ${needed[backend as keyof typeof needed]}`);
    }
    if (credentials.existingSecretName !== undefined) {
        if (staticKeys.length > 0) {
            throw new RunError(`${at("credentials")}: existingSecretName and ${staticKeys.join(", ")} are both given; name an existing Secret or give the values, not both`);
        }
        const secretName = checkInput(credentials.existingSecretName, (name) => requireDnsLabel(at("credentials.existingSecretName"), name));
        return { mode: "secret" as CredentialsMode, secretName, createSecret: false };
    }
    if (staticKeys.length > 0) {
        const expected = { [StorageBackend.S3]: ["accessKeyId", "secretAccessKey"], [StorageBackend.Gcs]: ["serviceAccountKey"], [StorageBackend.Azure]: ["accountKey"] }[backend];
        if (expected.some((key) => !staticKeys.includes(key as never)) || staticKeys.some((key) => !expected.includes(key))) {
            invalid(at("credentials"), staticKeys, `exactly ${expected.join(" and ")} for backend ${backend}`);
        }
        return { mode: "secret" as CredentialsMode, secretName: credentialsSecretName, createSecret: true };
    }
    if (usesWorkloadIdentity) {
        return { mode: "workload-identity" as CredentialsMode, createSecret: false };
    }
    if (environment === Environment.Prod) {
        throw new RunError(`${at("credentials")}: prod needs workload identity (the namespace's workloadIdentity) or a credentials Secret for ${backend}, ` +
            "rather than whatever the nodes' identity allows");
    }
    return { mode: "none" as CredentialsMode, createSecret: false };
}

/** Validates storage args. `at` prefixes error fields (such as `FlinkPlatform: storage.`). */
export function planStorage(at: (f: string) => string, environment: Environment, args: StorageArgs): StoragePlan {
    if (args.backend === undefined) {
        throw new RunError(`${at("backend")}: is required; one of ${Object.values(StorageBackend).map((b) => JSON.stringify(b)).join(", ")} (FlinkPlatform takes its cloud profile's)`);
    }
    const backend = requireEnum(at("backend"), args.backend, StorageBackend);
    const warnings: string[] = [];
    const credentials = resolveCredentials(at, backend, environment, args.credentials);
    const checkedArgs: StorageArgs = args.credentials?.existingSecretName === undefined
        ? args
        : { ...args, credentials: { ...args.credentials, existingSecretName: credentials.secretName } };
    const base = {
        backend, credentials: credentials.mode, secretName: credentials.secretName, createSecret: credentials.createSecret, warnings,
        singleNode: backend === StorageBackend.Pvc && args.pvc?.singleNode === true, checkedArgs,
    };
    switch (backend) {
        case StorageBackend.S3: {
            const s3 = args.s3;
            if (s3 === undefined) throw new RunError(`${at("s3")}: is required with backend s3; set s3.bucket`);
            const bucket = checkInput(s3.bucket, (name) => requireS3Bucket(at("s3.bucket"), name));
            if (s3.endpoint !== undefined && !/^https?:\/\/[^\s/]+\/?$/.test(s3.endpoint)) {
                invalid(at("s3.endpoint"), s3.endpoint, 'an http(s) endpoint such as "https://minio.example.com:9000"');
            }
            if (s3.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(s3.region)) {
                invalid(at("s3.region"), s3.region, 'an AWS region such as "eu-west-1"');
            }
            return {
                ...base,
                base: text`s3p://${bucket}/${requirePrefix(at("s3.prefix"), s3.prefix ?? "flink")}`,
                s3: { region: s3.region, endpoint: s3.endpoint, pathStyleAccess: s3.pathStyleAccess ?? false },
                checkedArgs: { ...checkedArgs, s3: { ...s3, bucket } },
            };
        }
        case StorageBackend.Gcs: {
            if (args.gcs === undefined) throw new RunError(`${at("gcs")}: is required with backend gcs; set gcs.bucket`);
            const bucket = checkInput(args.gcs.bucket, (name) => requireGcsBucket(at("gcs.bucket"), name));
            return {
                ...base,
                base: text`gs://${bucket}/${requirePrefix(at("gcs.prefix"), args.gcs.prefix ?? "flink")}`,
                checkedArgs: { ...checkedArgs, gcs: { ...args.gcs, bucket } },
            };
        }
        case StorageBackend.Azure: {
            const azure = args.azure;
            if (azure === undefined) throw new RunError(`${at("azure")}: is required with backend azure; set azure.account and azure.container`);
            const account = checkInput(azure.account, (name) => {
                if (typeof name !== "string" || !/^[a-z0-9]{3,24}$/.test(name)) {
                    invalid(at("azure.account"), name, "a storage account name: 3-24 lowercase letters and digits");
                }
                return name;
            });
            const container = checkInput(azure.container, (name) => {
                if (typeof name !== "string" || !/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(name)) {
                    invalid(at("azure.container"), name, "a container name: 3-63 lowercase letters, digits and single '-', starting and ending with a letter or digit");
                }
                return name;
            });
            const prefix = requirePrefix(at("azure.prefix"), azure.prefix ?? "flink");
            // ABFS takes workload identity (OAuth); an account key works through WASB's key provider, which reads it from the environment.
            const url = credentials.mode === "secret"
                ? text`wasbs://${container}@${account}.blob.core.windows.net/${prefix}`
                : text`abfss://${container}@${account}.dfs.core.windows.net/${prefix}`;
            const identity = args.credentials?.workloadIdentity;
            return {
                ...base,
                base: url,
                azure: { account, clientId: identity?.azureClientId, tenantId: identity?.azureTenantId },
                checkedArgs: { ...checkedArgs, azure: { ...azure, account, container } },
            };
        }
        case StorageBackend.Pvc: {
            const pvc = args.pvc ?? {};
            const accessMode = requireEnum(at("pvc.accessMode"), pvc.accessMode ?? PvcAccessMode.ReadWriteMany, PvcAccessMode);
            if (accessMode === PvcAccessMode.ReadWriteOnce) {
                if (environment === Environment.Prod) {
                    throw new RunError(`${at("pvc.accessMode")}: "ReadWriteOnce" mounts on one node only, and prod spreads JobManagers and TaskManagers over nodes; ` +
                        "use ReadWriteMany (EFS, Filestore, Azure Files, NFS) or object storage");
                }
                if (pvc.singleNode !== true) {
                    throw new RunError(`${at("pvc.accessMode")}: "ReadWriteOnce" mounts on one node only; use ReadWriteMany, or set pvc.singleNode on a single-node local cluster`);
                }
                warnings.push(`${at("pvc.accessMode")}: ReadWriteOnce works only while every Flink pod runs on the one node of a local cluster`);
            }
            if (pvc.storageClass !== undefined) requireDnsLabel(at("pvc.storageClass"), pvc.storageClass);
            return {
                ...base,
                base: `file://${statePvcMountPath}`,
                pvc: { storageClass: pvc.storageClass, size: requireQuantity(at("pvc.size"), pvc.size ?? "20Gi"), accessMode },
            };
        }
    }
}

/** The state directories of one cluster: `<base>/<namespace>/<cluster>/{ha,checkpoints,savepoints}`. */
export function clusterDirectories(storage: StoragePlan, namespace: string, cluster: string) {
    const root = text`${storage.base}/${namespace}/${cluster}`;
    return { highAvailabilityDir: text`${root}/ha`, checkpointDir: text`${root}/checkpoints`, savepointDir: text`${root}/savepoints` };
}

export interface PodStorageWiring {
    env: types.input.core.v1.EnvVar[];
    volumes: types.input.core.v1.Volume[];
    volumeMounts: types.input.core.v1.VolumeMount[];
    /** Settings the storage needs; keys that name an Azure account make the whole map an Output when the account is one. */
    flinkConfiguration: ConfigInput;
}

/**
 * What a JobManager or TaskManager pod needs to reach the storage. The
 * filesystem plugin is enabled the image's own way (ENABLE_BUILT_IN_PLUGINS
 * links /opt/flink/opt/<jar> into /opt/flink/plugins/<jar name>/), with an
 * emptyDir at exactly that directory so the read-only root filesystem allows it
 * and the plugins the image ships stay visible. `flinkRelease` names the jar.
 */
export function podStorageWiring(storage: StoragePlan, flinkRelease: pulumi.Input<string>): PodStorageWiring {
    const wiring: PodStorageWiring = { env: [], volumes: [], volumeMounts: [], flinkConfiguration: {} };
    const settings: Record<string, pulumi.Input<string>> = {};
    const jar = pluginJars[storage.backend];
    if (jar !== undefined) {
        const plugin = text`${jar}-${flinkRelease}`;
        wiring.env.push({ name: "ENABLE_BUILT_IN_PLUGINS", value: text`${plugin}.jar` });
        wiring.volumes.push({ name: "fs-plugin", emptyDir: { sizeLimit: "1Mi" } });
        wiring.volumeMounts.push({ name: "fs-plugin", mountPath: text`/opt/flink/plugins/${plugin}` });
    }
    const fromSecret = (name: string, key = name) => ({ name, valueFrom: { secretKeyRef: { name: storage.secretName as pulumi.Input<string>, key } } });
    switch (storage.backend) {
        case StorageBackend.S3:
            if (storage.s3?.endpoint !== undefined) settings["s3.endpoint"] = storage.s3.endpoint;
            if (storage.s3?.pathStyleAccess) settings["s3.path.style.access"] = "true";
            if (storage.s3?.region !== undefined) wiring.env.push({ name: "AWS_REGION", value: storage.s3.region });
            if (storage.credentials === "secret") wiring.env.push(fromSecret("AWS_ACCESS_KEY_ID"), fromSecret("AWS_SECRET_ACCESS_KEY"));
            break;
        case StorageBackend.Gcs:
            if (storage.credentials === "secret") {
                wiring.env.push({ name: "GOOGLE_APPLICATION_CREDENTIALS", value: `${gcsKeyMountPath}/credentials.json` });
                wiring.volumes.push({ name: "storage-credentials", secret: { secretName: storage.secretName, items: [{ key: "credentials.json", path: "credentials.json" }] } });
                wiring.volumeMounts.push({ name: "storage-credentials", mountPath: gcsKeyMountPath, readOnly: true });
            }
            break;
        case StorageBackend.Azure: {
            if (storage.credentials === "secret") {
                wiring.env.push(fromSecret("AZURE_STORAGE_KEY"));
            }
            // The keys name the account, so the settings wait for it when it is an Output.
            wiring.flinkConfiguration = combine([storage.azure?.account as pulumi.Input<string>], (account) => azureSettings(storage, account));
            return wiring;
        }
        case StorageBackend.Pvc:
            wiring.volumes.push({ name: "flink-state", persistentVolumeClaim: { claimName: statePvcName } });
            wiring.volumeMounts.push({ name: "flink-state", mountPath: statePvcMountPath });
            break;
    }
    wiring.flinkConfiguration = settings;
    return wiring;
}

/**
 * Hadoop's workload identity token provider (hadoop-azure 3.4 and later), by the name it has inside Flink's
 * flink-azure-fs-hadoop plugin, which relocates org.apache.hadoop to org.apache.flink.fs.shaded.hadoop3.org.apache.hadoop
 * (its pom.xml; FLINK-32122 documents the shaded name for the MSI provider).
 */
export const azureWorkloadIdentityProvider = "org.apache.flink.fs.shaded.hadoop3.org.apache.hadoop.fs.azurebfs.oauth2.WorkloadIdentityTokenProvider";

/** How Flink authenticates to an Azure storage account: WASB's key provider with an account key, ABFS OAuth with workload identity. */
function azureSettings(storage: StoragePlan, account: string): Record<string, pulumi.Input<string>> {
    if (storage.credentials === "secret") {
        return { [`fs.azure.account.keyprovider.${account}.blob.core.windows.net`]: "org.apache.flink.fs.azurefs.EnvironmentVariableKeyProvider" };
    }
    if (storage.credentials !== "workload-identity") {
        return {};
    }
    const host = `${account}.dfs.core.windows.net`;
    return {
        [`fs.azure.account.auth.type.${host}`]: "OAuth",
        [`fs.azure.account.oauth.provider.type.${host}`]: azureWorkloadIdentityProvider,
        [`fs.azure.account.oauth2.client.id.${host}`]: storage.azure?.clientId as pulumi.Input<string>,
        ...(storage.azure?.tenantId === undefined ? {} : { [`fs.azure.account.oauth2.msi.tenant.${host}`]: storage.azure.tenantId }),
        [`fs.azure.account.oauth2.token.file.${host}`]: azureTokenFile,
    };
}

/** The Flink release inside an official image ("flink:2.2.1-java17" → "2.2.1"), or undefined for other images. */
export function officialImageRelease(image: string): string | undefined {
    return /^(?:(?:docker\.io\/)?(?:library\/)?flink|(?:docker\.io\/)?apache\/flink):(\d+\.\d+\.\d+)(?:-[^@]*)?(?:@.*)?$/.exec(image)?.[1];
}

/** Durable URI schemes Flink can keep state on, and whether each is shared (a local path is not). */
export const durableSchemes = ["s3", "s3p", "s3a", "gs", "abfs", "abfss", "wasb", "wasbs", "oss"];

/** Checks a directory's scheme; `file://` only below the state PVC's mount. */
export function requireStateDirectory(field: string, dir: unknown): string {
    const scheme = typeof dir === "string" ? /^([a-z0-9+.-]+):\/\//.exec(dir)?.[1] : undefined;
    const onStatePvc = typeof dir === "string" && (dir === `file://${statePvcMountPath}` || dir.startsWith(`file://${statePvcMountPath}/`));
    if (scheme === undefined || !(durableSchemes.includes(scheme) || onStatePvc)) {
        invalid(field, dir, `a URI on durable shared storage: ${durableSchemes.map((s) => `${s}://`).join(", ")}, or file://${statePvcMountPath}/… on the state PVC`);
    }
    return dir as string;
}
