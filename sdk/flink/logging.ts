/**
 * Log4j 2 configuration for Flink pods (`spec.logConfiguration`,
 * `log4j-console.properties`). Console output is one JSON object per line, so
 * Loki (`| json`), Fluent Bit and Elasticsearch parse it without multiline
 * rules: stack traces are escaped into the `exception` field. Every line carries
 * the namespace, cluster and component from the pod's environment (set by the
 * pod templates). A size-capped file appender keeps the web UI's log view working.
 *
 * PatternLayout with %enc{…}{JSON} is used because Flink's image ships no
 * JsonTemplateLayout and log4j's JsonLayout needs an unshaded Jackson.
 */

export const logEnv = { namespace: "POD_NAMESPACE", cluster: "FLINK_CLUSTER", component: "FLINK_COMPONENT" };

const jsonLine = [
    `"time":"%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}{UTC}"`,
    `"level":"%p"`,
    `"logger":"%enc{%c}{JSON}"`,
    `"thread":"%enc{%t}{JSON}"`,
    `"namespace":"\${env:${logEnv.namespace}:-}"`,
    `"cluster":"\${env:${logEnv.cluster}:-}"`,
    `"component":"\${env:${logEnv.component}:-}"`,
    `"message":"%enc{%m}{JSON}"`,
    `"exception":"%enc{%throwable}{JSON}"`,
].join(",");

export const log4jConsoleProperties = `rootLogger.level = INFO
rootLogger.appenderRef.console.ref = ConsoleAppender
rootLogger.appenderRef.rolling.ref = RollingFileAppender

logger.pekko.name = org.apache.pekko
logger.pekko.level = INFO
logger.kafka.name = org.apache.kafka
logger.kafka.level = INFO
logger.hadoop.name = org.apache.hadoop
logger.hadoop.level = WARN
logger.zookeeper.name = org.apache.zookeeper
logger.zookeeper.level = INFO
logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
logger.netty.level = OFF

appender.console.name = ConsoleAppender
appender.console.type = CONSOLE
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = {${jsonLine}}%n

appender.rolling.name = RollingFileAppender
appender.rolling.type = RollingFile
appender.rolling.fileName = \${sys:log.file}
appender.rolling.filePattern = \${sys:log.file}.%i
appender.rolling.layout.type = PatternLayout
appender.rolling.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
appender.rolling.policies.type = Policies
appender.rolling.policies.size.type = SizeBasedTriggeringPolicy
appender.rolling.policies.size.size = 100MB
appender.rolling.strategy.type = DefaultRolloverStrategy
appender.rolling.strategy.max = 2
`;
