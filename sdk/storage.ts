import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { Environment } from "./flink/environment";
import { platformLabels } from "./flink/labels";
import { planStorage, secretKeys, statePvcName } from "./flink/storage-plan";
import { requireDnsLabel, requireEnum } from "./flink/validation";
import { checkArgs } from "./flink/args-check";
import { FlinkStorageArgs, StorageBackend } from "./flink/args/storage";

/**
 * The Kubernetes side of a namespace's durable state: with backend pvc the
 * claim every JobManager and TaskManager mounts, kept when the stack is
 * destroyed; with object storage and credentials given as Pulumi secrets, the
 * Secret the pods read them from. Buckets and containers are not created here.
 */
export class FlinkStorage extends pulumi.ComponentResource {
    /** The state PVC's name, with backend pvc. */
    public readonly claimName: pulumi.Output<string | undefined>;
    /** The credentials Secret's name, when pods read credentials from one. */
    public readonly secretName: pulumi.Output<string | undefined>;

    constructor(name: string, args: FlinkStorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("flink-platform:index:FlinkStorage", name, {}, opts);
        args = checkArgs("FlinkStorage", name, args);
        const at = (field: string) => `FlinkStorage ${JSON.stringify(args.namespace)}: storage.${field}`;
        const namespace = requireDnsLabel(`FlinkStorage ${JSON.stringify(args.namespace)}: namespace`, args.namespace);
        const environment = requireEnum(`FlinkStorage ${JSON.stringify(args.namespace)}: environment`, args.environment ?? Environment.Dev, Environment);
        const plan = planStorage(at, environment, args.storage);
        const protect = args.protect ?? environment === Environment.Prod;
        const labels = platformLabels("flink-storage", namespace);
        for (const warning of plan.warnings) {
            pulumi.log.warn(warning, this);
        }

        let claim: k8s.core.v1.PersistentVolumeClaim | undefined;
        if (plan.pvc !== undefined) {
            claim = new k8s.core.v1.PersistentVolumeClaim(`${name}-state`, {
                metadata: { name: statePvcName, namespace, labels },
                spec: {
                    accessModes: [plan.pvc.accessMode],
                    resources: { requests: { storage: plan.pvc.size } },
                    ...(plan.pvc.storageClass === undefined ? {} : { storageClassName: plan.pvc.storageClass }),
                },
            }, { parent: this, retainOnDelete: true, protect });
        }

        let secret: k8s.core.v1.Secret | undefined;
        if (plan.createSecret) {
            const credentials = args.storage.credentials ?? {};
            const values: Record<StorageBackend, pulumi.Input<string>[]> = {
                [StorageBackend.S3]: [credentials.accessKeyId, credentials.secretAccessKey] as pulumi.Input<string>[],
                [StorageBackend.Gcs]: [credentials.serviceAccountKey] as pulumi.Input<string>[],
                [StorageBackend.Azure]: [credentials.accountKey] as pulumi.Input<string>[],
                [StorageBackend.Pvc]: [],
            };
            const keys = secretKeys[plan.backend] ?? [];
            secret = new k8s.core.v1.Secret(`${name}-credentials`, {
                metadata: { name: plan.secretName, namespace, labels },
                type: "Opaque",
                // Kept secret in the state and the preview even when the values were given in plain text.
                stringData: pulumi.secret(Object.fromEntries(keys.map((key, i) => [key, values[plan.backend][i]]))),
            }, { parent: this });
        }

        this.claimName = claim === undefined ? pulumi.output(undefined) : claim.metadata.name;
        this.secretName = secret === undefined ? pulumi.output(plan.secretName) : secret.metadata.name;
        this.registerOutputs({ claimName: this.claimName, secretName: this.secretName });
    }
}
