/** The platform a benchmark scenario builds: a prod-like stack of N clusters over M namespaces. */
import { CertManagerMode, CloudProfile, Environment, FlinkClusterArgs, FlinkPlatformArgs, StorageBackend } from "../sdk/index";

/** Half application clusters (HA, autoscaler), half session clusters each running one session job. */
export function benchmarkPlatform(clusters: number, namespaces: number): FlinkPlatformArgs {
    const names = Array.from({ length: namespaces }, (_, i) => `team-${i}`);
    return {
        environment: Environment.Prod,
        cloud: CloudProfile.Aws,
        network: { apiServerCidrs: ["10.0.0.0/16"] },
        namespaces: names.map((name) => ({ name, workloadIdentity: { awsRoleArn: `arn:aws:iam::123456789012:role/${name}` }, developers: { groups: [`${name}-devs`] } })),
        operator: { webhook: { enabled: true, certManager: CertManagerMode.Existing } },
        storage: { backend: StorageBackend.S3, s3: { bucket: "bench-flink-state", region: "eu-west-1" } },
        monitoring: {},
        clusters: Array.from({ length: clusters }, (_, i): FlinkClusterArgs => {
            const namespace = names[i % namespaces];
            return i % 2 === 0
                ? { name: `app-${i}`, namespace, job: { jarURI: "local:///opt/flink/usrlib/app.jar", parallelism: 4 }, autoscaler: { enabled: true, maxParallelism: 16 } }
                : { name: `session-${i}`, namespace, sessionJobs: [{ name: `job-${i}`, jarURI: "https://artifacts.example.com/jobs/app-1.0.jar" }] };
        }),
    };
}
