import * as assert from "node:assert/strict";
import { applyCloudProfile, CloudProfile, cloudProfiles } from "../sdk/flink/cloud-profiles";
import type { FlinkPlatformArgs } from "../sdk/flink/args/platform";
import { PvcAccessMode, StorageBackend } from "../sdk/flink/args/storage";

const base: FlinkPlatformArgs = { namespaces: [{ name: "team-a" }], clusters: [{ name: "orders", namespace: "team-a" }] };

describe("cloud profiles", () => {
    it("fill the storage backend, API server ports and zone key from the cloud", () => {
        const aws = applyCloudProfile({ ...base, cloud: CloudProfile.Aws, storage: { s3: { bucket: "acme" } } as never });
        assert.equal(aws.storage?.backend, StorageBackend.S3);
        assert.deepEqual(aws.network, { apiServerPorts: [443] });
        assert.deepEqual(aws.clusters?.[0].scheduling, { zoneTopologyKey: "topology.kubernetes.io/zone" });
        const gcp = applyCloudProfile({ ...base, cloud: CloudProfile.Gcp, storage: { gcs: { bucket: "acme" } } as never });
        assert.equal(gcp.storage?.backend, StorageBackend.Gcs);
        const local = applyCloudProfile({ ...base, cloud: CloudProfile.Local, storage: {} as never });
        assert.equal(local.storage?.backend, StorageBackend.Pvc);
        assert.deepEqual(local.network, { apiServerPorts: [443, 6443, 8443] });
    });

    it("give PVC storage the cloud's shared (ReadWriteMany) StorageClass", () => {
        assert.deepEqual(applyCloudProfile({ ...base, cloud: CloudProfile.Aws, storage: { backend: StorageBackend.Pvc } }).storage?.pvc, { storageClass: "efs-sc" });
        assert.deepEqual(applyCloudProfile({ ...base, cloud: CloudProfile.Gcp, storage: { backend: StorageBackend.Pvc } }).storage?.pvc, { storageClass: "standard-rwx" });
        assert.deepEqual(applyCloudProfile({ ...base, cloud: CloudProfile.Azure, storage: { backend: StorageBackend.Pvc } }).storage?.pvc, { storageClass: "azurefile-csi" });
        assert.equal(applyCloudProfile({ ...base, cloud: CloudProfile.Local, storage: { backend: StorageBackend.Pvc } }).storage?.pvc, undefined);
    });

    it("leave every value the args set", () => {
        const args = applyCloudProfile({
            ...base,
            cloud: CloudProfile.Aws,
            network: { apiServerPorts: [6443] },
            storage: { backend: StorageBackend.Pvc, pvc: { storageClass: "fsx", accessMode: PvcAccessMode.ReadWriteMany } },
            clusters: [{ name: "orders", namespace: "team-a", scheduling: { zoneTopologyKey: "example.com/zone" } }],
        });
        assert.deepEqual(args.network, { apiServerPorts: [6443] });
        assert.deepEqual(args.storage?.pvc, { storageClass: "fsx", accessMode: "ReadWriteMany" });
        assert.deepEqual(args.clusters?.[0].scheduling, { zoneTopologyKey: "example.com/zone" });
    });

    it("change nothing without a cloud", () => {
        assert.equal(applyCloudProfile(base), base);
    });

    it("name each cloud's workload identity annotation and internal load balancer annotation", () => {
        assert.deepEqual(Object.fromEntries(Object.entries(cloudProfiles).map(([cloud, p]) => [cloud, [p.workloadIdentity?.annotation, p.internalLoadBalancerAnnotations]])), {
            aws: ["eks.amazonaws.com/role-arn", { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" }],
            gcp: ["iam.gke.io/gcp-service-account", { "networking.gke.io/load-balancer-type": "Internal" }],
            azure: ["azure.workload.identity/client-id", { "service.beta.kubernetes.io/azure-load-balancer-internal": "true" }],
            local: [undefined, {}],
        });
    });

    it("refuse another cloud's workload identity and an unknown cloud", () => {
        assert.throws(() => applyCloudProfile({ ...base, cloud: CloudProfile.Gcp, namespaces: [{ name: "team-a", workloadIdentity: { awsRoleArn: "arn:aws:iam::123456789012:role/x" } }] }),
            { message: "FlinkPlatform: namespaces[0].workloadIdentity.awsRoleArn: is another cloud's workload identity; cloud gcp uses gcpServiceAccount" });
        assert.throws(() => applyCloudProfile({ ...base, cloud: "openstack" as CloudProfile }),
            { message: 'FlinkPlatform: cloud: "openstack" is not valid; expected one of "aws", "gcp", "azure", "local"' });
    });
});
